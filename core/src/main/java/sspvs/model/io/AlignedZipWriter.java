package sspvs.model.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes an uncompressed (STORED) zip archive whose entry data start at multiples of 64 bytes, the layout
 * PyTorch's own writer produces (so that readers may memory-map tensors). The padding goes into an extra field
 * of the local header with id {@code "FB"}, as torch does. Entries are written as given, with fixed timestamps,
 * so the same input gives the same bytes. Archives above 4 GiB (which need ZIP64) are refused.
 */
final class AlignedZipWriter implements AutoCloseable {
    static final int ALIGNMENT = 64;
    private static final int LOCAL_HEADER = 30;
    private static final int DOS_DATE_1980_01_01 = (1 << 5) | 1;

    private record Entry(byte[] name, long crc, long size, long headerOffset) {}

    private final OutputStream out;
    private final List<Entry> entries = new ArrayList<>();
    private long position;

    AlignedZipWriter(OutputStream out) {
        this.out = out;
    }

    /** Appends one entry holding the given bytes. */
    void add(String name, byte[] data) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(data);
        long headerOffset = position;
        int unpadded = (int) ((headerOffset + LOCAL_HEADER + nameBytes.length) % ALIGNMENT);
        int padding = unpadded == 0 ? 0 : ALIGNMENT - unpadded;
        if (padding > 0 && padding < 4) {
            padding += ALIGNMENT; // an extra field needs 4 header bytes
        }
        ByteArrayOutputStream header = new ByteArrayOutputStream(LOCAL_HEADER + nameBytes.length + padding);
        le32(header, 0x04034b50);
        le16(header, 20); // version needed: 2.0
        le16(header, 0); // flags
        le16(header, 0); // method: STORED
        le16(header, 0); // time
        le16(header, DOS_DATE_1980_01_01);
        le32(header, crc.getValue());
        le32(header, data.length); // compressed size
        le32(header, data.length); // uncompressed size
        le16(header, nameBytes.length);
        le16(header, padding);
        header.write(nameBytes);
        if (padding > 0) {
            header.write('F');
            header.write('B');
            le16(header, padding - 4);
            for (int i = 0; i < padding - 4; i++) {
                header.write('Z');
            }
        }
        write(header.toByteArray());
        write(data);
        entries.add(new Entry(nameBytes, crc.getValue(), data.length, headerOffset));
        checkSize();
    }

    /** Writes the central directory; the archive is complete afterwards. Does not close the stream. */
    void finish() throws IOException {
        long cdStart = position;
        for (Entry e : entries) {
            ByteArrayOutputStream cd = new ByteArrayOutputStream(46 + e.name.length);
            le32(cd, 0x02014b50);
            le16(cd, 20); // made by
            le16(cd, 20); // needed
            le16(cd, 0);
            le16(cd, 0);
            le16(cd, 0);
            le16(cd, DOS_DATE_1980_01_01);
            le32(cd, e.crc);
            le32(cd, e.size);
            le32(cd, e.size);
            le16(cd, e.name.length);
            le16(cd, 0); // extra
            le16(cd, 0); // comment
            le16(cd, 0); // disk
            le16(cd, 0); // internal attributes
            le32(cd, 0); // external attributes
            le32(cd, e.headerOffset);
            cd.write(e.name);
            write(cd.toByteArray());
        }
        long cdSize = position - cdStart;
        checkSize();
        if (entries.size() > 0xfffe) {
            throw new IOException("too many zip entries for a non-ZIP64 archive: " + entries.size());
        }
        ByteArrayOutputStream end = new ByteArrayOutputStream(22);
        le32(end, 0x06054b50);
        le16(end, 0);
        le16(end, 0);
        le16(end, entries.size());
        le16(end, entries.size());
        le32(end, cdSize);
        le32(end, cdStart);
        le16(end, 0);
        write(end.toByteArray());
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private void checkSize() throws IOException {
        if (position >= 0xffffffffL) {
            throw new IOException("checkpoint exceeds 4 GiB, which needs ZIP64 (not supported by this writer)");
        }
    }

    private void write(byte[] b) throws IOException {
        out.write(b);
        position += b.length;
    }

    private static void le16(ByteArrayOutputStream o, int v) {
        o.write(v & 0xff);
        o.write((v >>> 8) & 0xff);
    }

    private static void le32(ByteArrayOutputStream o, long v) {
        for (int i = 0; i < 4; i++) {
            o.write((int) (v >>> (8 * i)) & 0xff);
        }
    }
}
