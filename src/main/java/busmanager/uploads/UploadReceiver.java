package busmanager.uploads;

import busmanager.http.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the {@code file} part of an upload request into a temporary file: type from the content's leading
 * bytes, at most limit + 1 bytes read so that an oversize file is noticed without taking in more, and the
 * rest of the body read through so a truncated request is refused rather than stored.
 */
final class UploadReceiver {
    static final String FILE_PART = "file";
    private static final long MiB = 1024 * 1024;

    /** A file written completely to {@code temp}. */
    record Received(FileType type, long size) {
    }

    private UploadReceiver() {
    }

    /**
     * @param maxBytes the general upload limit (413 above it); the logo's own 2 MiB limit applies as well
     */
    static Received receive(InputStream body, String contentType, UploadTarget target, long maxBytes, Path temp)
            throws IOException {
        try {
            MultipartParser parser = new MultipartParser(body, MultipartParser.boundaryOf(contentType));
            Received received = null;
            for (MultipartParser.Part part = parser.next(); part != null; part = parser.next()) {
                if (received == null && FILE_PART.equals(part.name())) {
                    received = write(part.content(), target, maxBytes, temp);
                }
            }
            if (received == null) {
                throw ApiException.badRequest("No file uploaded: send a multipart/form-data part named 'file'");
            }
            return received;
        } catch (MalformedMultipartException e) {
            throw ApiException.badRequest("Invalid upload: " + e.getMessage());
        }
    }

    private static Received write(InputStream content, UploadTarget target, long maxBytes, Path temp)
            throws IOException {
        byte[] head = content.readNBytes(FileType.HEAD_BYTES);
        FileType type = FileType.ofSignature(head, head.length);
        boolean maybeSvg = type == null && target.allows(FileType.SVG);
        if (!maybeSvg && (type == null || !target.allows(type))) {
            throw ApiException.badRequest(target.notAllowedMessage());
        }
        boolean logo = target == UploadTarget.LOGO;
        long limit = logo ? Math.min(UploadTarget.LOGO_MAX_BYTES, maxBytes) : maxBytes;
        long size = copyAtMost(head, content, temp, limit + 1);
        if (size > limit) {
            throw logo && limit == UploadTarget.LOGO_MAX_BYTES
                    ? ApiException.badRequest("File too large. Maximum 2MB.")
                    : new ApiException(413, "File too large. Maximum " + describe(maxBytes) + ".");
        }
        if (maybeSvg) {
            try (InputStream written = Files.newInputStream(temp)) {
                if (!SvgSniffer.isSvg(written)) {
                    throw ApiException.badRequest(target.notAllowedMessage());
                }
            }
            type = FileType.SVG;
        }
        return new Received(type, size);
    }

    /** Writes the head and then the content to a new file, stopping after {@code max} bytes; the bytes written. */
    private static long copyAtMost(byte[] head, InputStream content, Path temp, long max) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = Channels.newOutputStream(channel);
            out.write(head);
            long total = head.length;
            byte[] chunk = new byte[16 * 1024];
            int n;
            while (total < max && (n = content.read(chunk, 0, (int) Math.min(chunk.length, max - total))) > 0) {
                out.write(chunk, 0, n);
                total += n;
            }
            if (total < max) {
                channel.force(true); // the file is kept: make it durable before it is renamed into place
            }
            return total;
        }
    }

    /** The limit as people say it: {@code 10 MB} for 10 MiB, {@code 512 KB}, or bytes. */
    static String describe(long bytes) {
        if (bytes % MiB == 0) {
            return bytes / MiB + " MB";
        }
        if (bytes % 1024 == 0) {
            return bytes / 1024 + " KB";
        }
        return bytes + " bytes";
    }
}
