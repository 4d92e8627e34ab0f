package busmanager.uploads;

/** The file types uploads may have, each with its MIME type and the extension it is stored under. */
public enum FileType {
    JPEG("image/jpeg", "jpg"),
    PNG("image/png", "png"),
    WEBP("image/webp", "webp"),
    PDF("application/pdf", "pdf"),
    SVG("image/svg+xml", "svg");

    /** Leading bytes enough to recognise every binary type. */
    static final int HEAD_BYTES = 16;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final String mime;
    private final String extension;

    FileType(String mime, String extension) {
        this.mime = mime;
        this.extension = extension;
    }

    public String mime() {
        return mime;
    }

    public String extension() {
        return extension;
    }

    /**
     * The binary type whose signature the content starts with, or null (SVG, being text, is recognised
     * separately by {@link SvgSniffer}).
     */
    static FileType ofSignature(byte[] head, int length) {
        if (startsWith(head, length, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff})) {
            return JPEG;
        }
        if (startsWith(head, length, PNG_SIGNATURE)) {
            return PNG;
        }
        if (length >= 12 && startsWith(head, length, new byte[] {'R', 'I', 'F', 'F'})
                && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
            return WEBP;
        }
        if (startsWith(head, length, new byte[] {'%', 'P', 'D', 'F', '-'})) {
            return PDF;
        }
        return null;
    }

    private static boolean startsWith(byte[] head, int length, byte[] signature) {
        if (length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if (head[i] != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
