package busmanager.uploads;

import java.util.List;
import java.util.stream.Collectors;

/** Where an upload goes and which file types it takes (api.md §14). */
enum UploadTarget {
    EXPENSE("expenses", List.of(FileType.JPEG, FileType.PNG, FileType.WEBP, FileType.PDF)),
    REPAIR("repairs", List.of(FileType.JPEG, FileType.PNG, FileType.WEBP)),
    LOGO("logos", List.of(FileType.JPEG, FileType.PNG, FileType.WEBP, FileType.SVG));

    /** The logo's own limit, below the general one (as the old API: 400 "Maximum 2MB."). */
    static final long LOGO_MAX_BYTES = 2L * 1024 * 1024;
    static final String LOGO_BASE_NAME = "company-logo";

    private final String subdir;
    private final List<FileType> allowed;

    UploadTarget(String subdir, List<FileType> allowed) {
        this.subdir = subdir;
        this.allowed = allowed;
    }

    String subdir() {
        return subdir;
    }

    boolean allows(FileType type) {
        return allowed.contains(type);
    }

    /** The refusal text, with the list written exactly as the old API wrote it. */
    String notAllowedMessage() {
        return "File type not allowed. Allowed types: "
                + allowed.stream().map(FileType::mime).collect(Collectors.joining(", "));
    }

    /** The name a new file of this type is stored under. */
    String storedName(FileType type, String uuid) {
        return (this == LOGO ? LOGO_BASE_NAME : uuid) + "." + type.extension();
    }
}
