package sspvs.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import sspvs.UserException;
import sspvs.config.RunConfig;
import sspvs.model.ParameterTensor;

/**
 * TEMPORARY checkpoint format, to be replaced by the PyTorch {@code .ckpt} writer: a magic line
 * {@code SSPVS-TEMP-CKPT 1}, a 4-byte big-endian header length, a JSON header (config + for each tensor its name,
 * shape and offset in floats), then every tensor's values as little-endian float32. Not readable by torch.
 */
public final class TemporaryRawCheckpointStore implements CheckpointStore {
    private static final byte[] MAGIC = "SSPVS-TEMP-CKPT 1\n".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void save(Path file, Map<String, ParameterTensor> parameters, RunConfig config) {
        ObjectNode header = JSON.createObjectNode();
        try {
            header.set("config", JSON.readTree(config.toJson()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ArrayNode tensors = header.putArray("tensors");
        long offset = 0;
        for (var e : parameters.entrySet()) {
            ObjectNode t = tensors.addObject();
            t.put("name", e.getKey());
            ArrayNode shape = t.putArray("shape");
            for (long s : e.getValue().shape()) {
                shape.add(s);
            }
            t.put("offset", offset);
            offset += e.getValue().data().length;
        }
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try (OutputStream os = Files.newOutputStream(tmp);
                    DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(os, 1 << 16))) {
                byte[] json = JSON.writeValueAsBytes(header);
                out.write(MAGIC);
                out.writeInt(json.length);
                out.write(json);
                for (ParameterTensor t : parameters.values()) {
                    ByteBuffer buf = ByteBuffer.allocate(t.data().length * 4).order(ByteOrder.LITTLE_ENDIAN);
                    buf.asFloatBuffer().put(t.data());
                    out.write(buf.array());
                }
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UserException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Checkpoint load(Path file) {
        try (InputStream is = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(is, 1 << 16))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new UserException("checkpoint " + file + ": not a temporary sspvs checkpoint (bad magic)");
            }
            int headerLength = in.readInt();
            if (headerLength <= 0 || headerLength > (1 << 26)) {
                throw new UserException("checkpoint " + file + ": damaged header length " + headerLength);
            }
            JsonNode header = JSON.readTree(in.readNBytes(headerLength));
            RunConfig config = RunConfig.fromJson(header.get("config").toString(), "checkpoint " + file);
            Map<String, ParameterTensor> tensors = new LinkedHashMap<>();
            for (JsonNode t : header.get("tensors")) {
                long[] shape = new long[t.get("shape").size()];
                long n = 1;
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = t.get("shape").get(i).asLong();
                    n *= shape[i];
                }
                byte[] bytes = in.readNBytes(Math.toIntExact(n * 4));
                if (bytes.length != n * 4) {
                    throw new UserException("checkpoint " + file + ": truncated in tensor " + t.get("name").asText());
                }
                float[] data = new float[(int) n];
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
                tensors.put(t.get("name").asText(), new ParameterTensor(shape, data));
            }
            return new Checkpoint(tensors, config);
        } catch (IOException | NullPointerException e) {
            throw new UserException("cannot read checkpoint " + file + ": " + e, e);
        }
    }
}
