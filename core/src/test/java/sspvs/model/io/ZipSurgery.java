package sspvs.model.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.function.BiFunction;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Copies a zip archive entry by entry, letting a test drop or alter entries (to make damaged checkpoints). */
final class ZipSurgery {
    private ZipSurgery() {}

    /** @param edit (entry name, bytes) to new bytes, or null to drop the entry */
    static Path rewrite(Path from, Path to, BiFunction<String, byte[], byte[]> edit) throws IOException {
        try (ZipFile in = new ZipFile(from.toFile());
                OutputStream os = Files.newOutputStream(to);
                ZipOutputStream out = new ZipOutputStream(os)) {
            for (Enumeration<? extends ZipEntry> en = in.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                byte[] data = edit.apply(e.getName(), in.getInputStream(e).readAllBytes());
                if (data == null) {
                    continue;
                }
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setMethod(ZipEntry.STORED);
                copy.setSize(data.length);
                CRC32 crc = new CRC32();
                crc.update(data);
                copy.setCrc(crc.getValue());
                out.putNextEntry(copy);
                out.write(data);
                out.closeEntry();
            }
        }
        return to;
    }
}
