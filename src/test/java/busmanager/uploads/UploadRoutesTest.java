package busmanager.uploads;

import static busmanager.uploads.Samples.BOUNDARY;
import static busmanager.uploads.Samples.ORIGIN;
import static busmanager.uploads.Samples.ascii;
import static busmanager.uploads.Samples.concat;
import static busmanager.uploads.Samples.fetch;
import static busmanager.uploads.Samples.part;
import static busmanager.uploads.Samples.send;
import static busmanager.uploads.Samples.sized;
import static busmanager.uploads.Samples.upload;
import static org.assertj.core.api.Assertions.assertThat;

import busmanager.testing.ApiServer;
import busmanager.testing.ApiServer.Res;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UploadRoutesTest {
    private static final String EXPENSE_TYPES = "File type not allowed. Allowed types: "
            + "image/jpeg, image/png, image/webp, application/pdf";
    private static final String REPAIR_TYPES = "File type not allowed. Allowed types: image/jpeg, image/png, image/webp";
    private static final String LOGO_TYPES = "File type not allowed. Allowed types: "
            + "image/jpeg, image/png, image/webp, image/svg+xml";
    private static final String UUID_NAME = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
    private static final int MIB = 1024 * 1024;

    @RegisterExtension
    static final ApiServer api = new ApiServer();
    @RegisterExtension
    static final ApiServer small = new ApiServer().env("UPLOAD_MAX_BYTES", "4096");

    private static Path dir(ApiServer server, String subdir) {
        return server.uploadDir().resolve(subdir);
    }

    private static List<String> names(ApiServer server, String subdir) throws IOException {
        try (Stream<Path> files = Files.list(dir(server, subdir))) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static Map<String, Object> record(String subdir, String name) {
        List<Map<String, Object>> rows = api.sqlRows("SELECT uploaded_by, content_type, size_bytes, created_at "
                + "FROM uploaded_files WHERE subdir = ? AND stored_name = ?", subdir, name);
        return rows.isEmpty() ? null : rows.get(0);
    }

    @Test
    void expenseTakesEachAllowedTypeFromEveryRole() throws IOException {
        Object[][] types = {{Samples.jpeg(), "jpg", "image/jpeg"}, {Samples.png(), "png", "image/png"},
                {Samples.webp(), "webp", "image/webp"}, {Samples.pdf(), "pdf", "application/pdf"}};
        for (String token : List.of(api.newAdmin(), api.newDriver(), api.newRepairOrgUser())) {
            for (Object[] type : types) {
                byte[] content = (byte[]) type[0];
                Res r = upload(api, "/upload/expense", token, "bill." + type[1], (String) type[2], content);
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
                String name = r.json().get("filename").asText();
                assertThat(name).matches(UUID_NAME + "\\." + type[1]);
                assertThat(r.json().get("url").asText()).isEqualTo("/uploads/expenses/" + name);
                assertThat(r.json().get("content_type").asText()).isEqualTo(type[2]);
                assertThat(Files.readAllBytes(dir(api, "expenses").resolve(name))).isEqualTo(content);
                Map<String, Object> row = record("expenses", name);
                assertThat(row.get("uploaded_by")).isEqualTo(api.profileId(token));
                assertThat(row.get("content_type")).isEqualTo(type[2]);
                assertThat(row.get("size_bytes")).isEqualTo((long) content.length);
            }
        }
    }

    @Test
    void repairTakesImagesOnly() {
        String workshop = api.newRepairOrgUser();
        for (byte[] image : List.of(Samples.jpeg(), Samples.png(), Samples.webp())) {
            Res r = upload(api, "/upload/repair", workshop, "photo.bin", "application/octet-stream", image);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().get("url").asText()).startsWith("/uploads/repairs/");
        }
        assertThat(upload(api, "/upload/repair", api.newDriver(), "p.jpg", "image/jpeg", Samples.jpeg()).status())
                .isEqualTo(200);
        Res pdf = upload(api, "/upload/repair", workshop, "report.pdf", "application/pdf", Samples.pdf());
        assertThat(pdf.status()).isEqualTo(400);
        assertThat(pdf.detail()).isEqualTo(REPAIR_TYPES);
    }

    @Test
    void typeComesFromTheContentNeverFromNameOrDeclaredType() throws IOException {
        String driver = api.newDriver();
        Res evil = upload(api, "/upload/expense", driver, "evil.html", "text/html", Samples.png());
        assertThat(evil.status()).isEqualTo(200);
        assertThat(evil.json().get("filename").asText()).matches(UUID_NAME + "\\.png");
        assertThat(evil.json().get("content_type").asText()).isEqualTo("image/png");
        Res photo = upload(api, "/upload/expense", driver, "Photo.JPG", "image/png", Samples.jpeg());
        assertThat(photo.json().get("filename").asText()).endsWith(".jpg");
        Res scan = upload(api, "/upload/expense", driver, "scan.jpeg", "image/jpeg", Samples.png());
        assertThat(scan.json().get("filename").asText()).endsWith(".png");
        Res noName = upload(api, "/upload/expense", driver, null, null, Samples.webp());
        assertThat(noName.json().get("filename").asText()).endsWith(".webp");

        List<String> before = names(api, "expenses");
        Object[][] refused = {{"photo.jpg", "image/jpeg", Samples.html()}, {"logo.svg", "image/svg+xml", Samples.svg()},
                {"notes.txt", "text/plain", ascii("just some text")}, {"x.png", "image/png", new byte[0]},
                {"run.sh", "image/png", ascii("#!/bin/sh\nrm -rf /\n")}};
        for (Object[] f : refused) {
            Res r = upload(api, "/upload/expense", driver, (String) f[0], (String) f[1], (byte[]) f[2]);
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.detail()).isEqualTo(EXPENSE_TYPES);
        }
        Res svgRepair = upload(api, "/upload/repair", driver, "x.png", "image/png", Samples.svg());
        assertThat(svgRepair.detail()).isEqualTo(REPAIR_TYPES);
        assertThat(names(api, "expenses")).isEqualTo(before);
        assertThat(names(api, "expenses")).noneMatch(n -> n.contains("evil"));
    }

    @Test
    void logoIsForAdminsAndReplacesThePreviousOne() throws IOException {
        String admin = api.newAdmin();
        Res driver = upload(api, "/upload/logo", api.newDriver(), "l.png", "image/png", Samples.png());
        assertThat(driver.status()).isEqualTo(403);
        assertThat(driver.detail()).isEqualTo("Admin access required");
        assertThat(upload(api, "/upload/logo", api.newRepairOrgUser(), "l.png", "image/png", Samples.png()).status())
                .isEqualTo(403);
        Files.write(dir(api, "logos").resolve("company-logo.jpeg"), Samples.jpeg()); // left by the old API

        Res png = upload(api, "/upload/logo", admin, "mylogo.svg", "image/svg+xml", Samples.png());
        assertThat(png.status()).isEqualTo(200);
        assertThat(png.json().get("url").asText()).isEqualTo("/uploads/logos/company-logo.png");
        assertThat(png.json().get("filename").asText()).isEqualTo("company-logo.png");
        assertThat(names(api, "logos")).containsExactly("company-logo.png");

        Res svg = upload(api, "/upload/logo", admin, "logo", "application/octet-stream", Samples.svg());
        assertThat(svg.status()).as(svg.toString()).isEqualTo(200);
        assertThat(svg.json().get("url").asText()).isEqualTo("/uploads/logos/company-logo.svg");
        assertThat(svg.json().get("content_type").asText()).isEqualTo("image/svg+xml");
        assertThat(names(api, "logos")).containsExactly("company-logo.svg");
        assertThat(Files.readAllBytes(dir(api, "logos").resolve("company-logo.svg"))).isEqualTo(Samples.svg());
        assertThat(api.sqlRows("SELECT stored_name, uploaded_by FROM uploaded_files WHERE subdir = 'logos'"))
                .containsExactly(Map.of("stored_name", "company-logo.svg", "uploaded_by", api.profileId(admin)));

        for (byte[] bad : List.of(Samples.html(), Samples.pdf(), ascii("<svgfoo/>"), ascii("plain text"))) {
            Res r = upload(api, "/upload/logo", admin, "logo.svg", "image/svg+xml", bad);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.detail()).isEqualTo(LOGO_TYPES);
        }
        assertThat(names(api, "logos")).containsExactly("company-logo.svg");
    }

    @Test
    void logoHasItsOwnTwoMegabyteLimit() throws IOException {
        String admin = api.newAdmin();
        Res exact = upload(api, "/upload/logo", admin, "l.webp", "image/webp", sized(Samples.webp(), 2 * MIB));
        assertThat(exact.status()).isEqualTo(200);
        Res over = upload(api, "/upload/logo", admin, "l.png", "image/png", sized(Samples.png(), 2 * MIB + 1));
        assertThat(over.status()).isEqualTo(400);
        assertThat(over.detail()).isEqualTo("File too large. Maximum 2MB.");
        Res overSvg = upload(api, "/upload/logo", admin, "l.svg", "image/svg+xml", sized(Samples.svg(), 2 * MIB + 1));
        assertThat(overSvg.detail()).isEqualTo("File too large. Maximum 2MB.");
        assertThat(names(api, "logos")).containsExactly("company-logo.webp");
    }

    @Test
    void uploadsNeedAValidToken() {
        Res none = upload(api, "/upload/expense", null, "a.png", "image/png", Samples.png());
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.detail()).isEqualTo("Not authenticated");
        Res nullToken = upload(api, "/upload/expense", "null", "a.png", "image/png", Samples.png());
        assertThat(nullToken.status()).isEqualTo(401);
        assertThat(nullToken.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(upload(api, "/upload/logo", null, "a.png", "image/png", Samples.png()).status()).isEqualTo(401);
    }

    @Test
    void defaultLimitIsTenMegabytesAnswered413WithJsonAndCors() throws IOException {
        String driver = api.newDriver();
        Res exact = upload(api, "/upload/expense", driver, "big.pdf", "application/pdf", sized(Samples.pdf(), 10 * MIB));
        assertThat(exact.status()).isEqualTo(200);
        List<String> before = names(api, "expenses");
        Res over = upload(api, "/upload/expense", driver, "big.pdf", "application/pdf",
                sized(Samples.pdf(), 10 * MIB + 1));
        assertThat(over.status()).isEqualTo(413);
        assertThat(over.detail()).isEqualTo("File too large. Maximum 10 MB.");
        assertThat(over.header("Content-Type")).startsWith("application/json");
        assertThat(over.header("Access-Control-Allow-Origin")).isEqualTo("*");
        Res farOver = upload(api, "/upload/repair", driver, "huge.jpg", "image/jpeg", sized(Samples.jpeg(), 16 * MIB));
        assertThat(farOver.status()).isEqualTo(413);
        assertThat(names(api, "expenses")).isEqualTo(before);
        assertThat(names(api, "repairs")).noneMatch(n -> n.endsWith(".tmp"));
    }

    @Test
    void configuredLimitIsExactAndTheMessageFollowsIt() throws IOException {
        String driver = small.newDriver();
        Res exact = upload(small, "/upload/expense", driver, "a.png", "image/png", sized(Samples.png(), 4096));
        assertThat(exact.status()).isEqualTo(200);
        assertThat(Files.size(dir(small, "expenses").resolve(exact.json().get("filename").asText()))).isEqualTo(4096);
        Res over = upload(small, "/upload/expense", driver, "a.png", "image/png", sized(Samples.png(), 4097));
        assertThat(over.status()).isEqualTo(413);
        assertThat(over.detail()).isEqualTo("File too large. Maximum 4 KB.");
        assertThat(over.header("Access-Control-Allow-Origin")).isEqualTo("*");
        Res repair = upload(small, "/upload/repair", driver, "a.jpg", "image/jpeg", sized(Samples.jpeg(), 5000));
        assertThat(repair.status()).isEqualTo(413);
        Res logo = upload(small, "/upload/logo", small.newAdmin(), "l.png", "image/png", sized(Samples.png(), 5000));
        assertThat(logo.status()).isEqualTo(413);
        assertThat(names(small, "expenses")).containsExactly(exact.json().get("filename").asText());
        assertThat(names(small, "repairs")).isEmpty();
        assertThat(names(small, "logos")).isEmpty();
        assertThat(small.sqlValue("SELECT count(*) FROM uploaded_files")).isEqualTo(1L);
    }

    @Test
    void malformedOrIncompleteRequestsAreRefusedClearly() throws IOException {
        String driver = api.newDriver();
        String multipart = "multipart/form-data; boundary=" + BOUNDARY;
        List<String> before = names(api, "expenses");

        Res json = api.post("/upload/expense", driver, Map.of("file", "x"));
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.detail()).contains("multipart/form-data");
        Res noBoundary = send(api, "/upload/expense", driver, "multipart/form-data", Samples.fileBody("a", null,
                Samples.png()));
        assertThat(noBoundary.status()).isEqualTo(400);
        assertThat(noBoundary.detail()).contains("boundary");
        Res truncated = send(api, "/upload/expense", driver, multipart, concat(ascii("--" + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\n"), Samples.png()));
        assertThat(truncated.status()).isEqualTo(400);
        assertThat(truncated.detail()).isEqualTo("Invalid upload: missing closing multipart boundary");
        Res otherField = send(api, "/upload/expense", driver, multipart,
                concat(part("document", "a.png", "image/png", Samples.png()), Samples.closing()));
        assertThat(otherField.status()).isEqualTo(400);
        assertThat(otherField.detail()).isEqualTo("No file uploaded: send a multipart/form-data part named 'file'");
        Res badAfterFile = send(api, "/upload/expense", driver, multipart,
                concat(part("file", "a.png", "image/png", Samples.png()), ascii("--" + BOUNDARY + "\r\nbroken")));
        assertThat(badAfterFile.status()).isEqualTo(400);
        assertThat(names(api, "expenses")).isEqualTo(before);

        byte[] tolerant = concat(ascii("preamble\r\n"), part("note", null, null, ascii("first")),
                part("file", "a.png", "image/png", Samples.png()), part("file", "b.pdf", null, Samples.pdf()),
                part("trip_id", null, null, ascii("123")), Samples.closing(), ascii("epilogue\r\n"));
        Res ok = send(api, "/upload/expense", driver, multipart, tolerant);
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().get("content_type").asText()).isEqualTo("image/png");
    }

    @Test
    void concurrentLogoUploadsLeaveExactlyOneLogo() throws Exception {
        String admin = api.newAdmin();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Res>> results = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                byte[] content = List.of(Samples.png(), Samples.jpeg(), Samples.svg(), Samples.webp()).get(i % 4);
                results.add(pool.submit(() -> upload(api, "/upload/logo", admin, "l", null, content)));
            }
            for (Future<Res> r : results) {
                assertThat(r.get().status()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> logos = names(api, "logos");
        assertThat(logos).hasSize(1);
        assertThat(logos.get(0)).startsWith("company-logo.");
        assertThat(api.sqlRows("SELECT stored_name FROM uploaded_files WHERE subdir = 'logos'"))
                .containsExactly(Map.of("stored_name", logos.get(0)));
    }

    @Test
    void servedFilesCarryTheirTypeAndSafeHeaders() throws IOException {
        String driver = api.newDriver();
        Object[][] types = {{Samples.jpeg(), "image/jpeg"}, {Samples.png(), "image/png"},
                {Samples.webp(), "image/webp"}, {Samples.pdf(), "application/pdf"}};
        for (Object[] type : types) {
            String url = upload(api, "/upload/expense", driver, "x", null, (byte[]) type[0]).json().get("url").asText();
            HttpResponse<byte[]> r = fetch(api, "GET", url);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo((byte[]) type[0]);
            assertThat(r.headers().firstValue("Content-Type")).hasValue((String) type[1]);
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(r.headers().firstValue("Cache-Control").orElse("")).contains("immutable");
            assertThat(r.headers().firstValue("Content-Disposition")).isEmpty();
        }
        byte[] big = sized(Samples.pdf(), 3 * MIB + 17);
        String bigUrl = upload(api, "/upload/expense", driver, "x", null, big).json().get("url").asText();
        assertThat(fetch(api, "GET", bigUrl).body()).isEqualTo(big);
        HttpResponse<byte[]> head = fetch(api, "HEAD", bigUrl);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(head.headers().firstValue("Content-Length")).hasValue(String.valueOf(big.length));

        upload(api, "/upload/logo", api.newAdmin(), "l.svg", null, Samples.svg());
        HttpResponse<byte[]> svg = fetch(api, "GET", "/uploads/logos/company-logo.svg");
        assertThat(svg.statusCode()).isEqualTo(200);
        assertThat(svg.body()).isEqualTo(Samples.svg());
        assertThat(svg.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
        assertThat(svg.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("default-src 'none'", "style-src 'unsafe-inline'", "sandbox");
        assertThat(svg.headers().firstValue("Cache-Control").orElse("")).doesNotContain("immutable");

        // Files the old API stored under the client's extension are never served as HTML.
        String oldHtml = UUID.randomUUID() + ".html";
        Files.write(dir(api, "expenses").resolve(oldHtml), Samples.html());
        HttpResponse<byte[]> html = fetch(api, "GET", "/uploads/expenses/" + oldHtml);
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(html.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
        assertThat(html.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        String oldJpeg = UUID.randomUUID() + ".JPEG";
        Files.write(dir(api, "repairs").resolve(oldJpeg), Samples.jpeg());
        assertThat(fetch(api, "GET", "/uploads/repairs/" + oldJpeg).headers().firstValue("Content-Type"))
                .hasValue("image/jpeg");
    }

    @Test
    void servingAnswers404ForAnythingButAStoredFile() throws IOException {
        Files.writeString(api.uploadDir().resolve("secret.txt"), "top secret");
        String png = upload(api, "/upload/expense", api.newDriver(), "x", null, Samples.png()).json()
                .get("filename").asText();
        String temp = ".upload-" + UUID.randomUUID() + ".tmp";
        Files.write(dir(api, "expenses").resolve(temp), Samples.png());
        String dirName = UUID.randomUUID() + ".png";
        Files.createDirectory(dir(api, "expenses").resolve(dirName));
        String link = UUID.randomUUID() + ".png";
        Files.createSymbolicLink(dir(api, "expenses").resolve(link), api.uploadDir().resolve("secret.txt"));

        for (String path : List.of("/uploads/expenses/" + UUID.randomUUID() + ".png", "/uploads/other/" + png,
                "/uploads/repairs/" + png, "/uploads/expenses/..%2Fsecret.txt", "/uploads/expenses/%2E%2E%2Fsecret.txt",
                "/uploads/expenses/..%2F..%2F..%2F..%2Fetc%2Fpasswd", "/uploads/..%2Fsecret.txt/x",
                "/uploads/%2E%2E/secret.txt", "/uploads/expenses/..%5Csecret.txt", "/uploads/expenses/" + temp,
                "/uploads/expenses/" + dirName, "/uploads/expenses/" + link, "/uploads/logos/secret.txt",
                "/uploads/expenses/" + png + "%00.html", "/uploads/logos/company-logo.png%2F..%2F..%2Fsecret.txt")) {
            HttpResponse<byte[]> r = fetch(api, "GET", path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(new String(r.body())).as(path).isEqualTo("{\"detail\":\"Not Found\"}");
        }
        assertThat(fetch(api, "GET", "/uploads/expenses/" + png).statusCode()).isEqualTo(200);
    }

    @Test
    void deletingIsForTheUploaderOrAnAdmin() throws IOException {
        String owner = api.newDriver();
        String other = api.newDriver();
        String workshop = api.newRepairOrgUser();
        String admin = api.newAdmin();
        String name = upload(api, "/upload/expense", owner, "x", null, Samples.png()).json().get("filename").asText();

        for (String stranger : List.of(other, workshop)) {
            Res refused = api.delete("/upload/expense/" + name, stranger);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.detail()).isEqualTo("Access denied");
        }
        assertThat(api.delete("/upload/expense/" + name, null).status()).isEqualTo(401);
        assertThat(api.delete("/upload/repair/" + name, owner).detail()).isEqualTo("File not found");
        assertThat(Files.exists(dir(api, "expenses").resolve(name))).isTrue();

        Res deleted = api.delete("/upload/expense/" + name, owner);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("message").asText()).isEqualTo("File deleted successfully");
        assertThat(Files.exists(dir(api, "expenses").resolve(name))).isFalse();
        assertThat(record("expenses", name)).isNull();
        Res again = api.delete("/upload/expense/" + name, owner);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.detail()).isEqualTo("File not found");

        String drivers = upload(api, "/upload/expense", owner, "x", null, Samples.pdf()).json().get("filename").asText();
        assertThat(api.delete("/upload/expense/" + drivers, admin).status()).isEqualTo(200);
        String photo = upload(api, "/upload/repair", workshop, "x", null, Samples.jpeg()).json().get("filename").asText();
        assertThat(api.delete("/upload/repair/" + photo, owner).status()).isEqualTo(403);
        assertThat(api.delete("/upload/repair/" + photo, workshop).status()).isEqualTo(200);

        String unrecorded = UUID.randomUUID() + ".jpg"; // uploaded through the old API: no record
        Files.write(dir(api, "repairs").resolve(unrecorded), Samples.jpeg());
        assertThat(api.delete("/upload/repair/" + unrecorded, workshop).detail()).isEqualTo("Access denied");
        assertThat(api.delete("/upload/repair/" + unrecorded, admin).status()).isEqualTo(200);
        assertThat(Files.exists(dir(api, "repairs").resolve(unrecorded))).isFalse();
    }

    @Test
    void deleteNeverLeavesItsSubDirectory() throws IOException {
        String admin = api.newAdmin();
        Path secret = api.uploadDir().resolve("keep.txt");
        Files.writeString(secret, "keep");
        String repairPhoto = upload(api, "/upload/repair", admin, "x", null, Samples.png()).json()
                .get("filename").asText();
        Path logo = dir(api, "logos").resolve("company-logo.png");
        Files.write(logo, Samples.png());
        String temp = ".upload-" + UUID.randomUUID() + ".tmp";
        Files.write(dir(api, "expenses").resolve(temp), Samples.png());

        for (String name : List.of("..%2Fkeep.txt", "%2E%2E%2Fkeep.txt", "%2e%2e%2fkeep.txt", "..%5Ckeep.txt",
                "..%2Frepairs%2F" + repairPhoto, "%2E%2E", "..", "..%2F..%2F..%2Fetc%2Fpasswd",
                "..%2Flogos%2Fcompany-logo.png", "keep.txt", "..%252Fkeep.txt", temp, "x%00.png",
                "%2Fetc%2Fpasswd", "C%3A%5Cwindows%5Cwin.ini")) {
            Res r = api.delete("/upload/expense/" + name, admin);
            assertThat(r.status()).as(name + " -> " + r).isIn(400, 404);
        }
        assertThat(Files.readString(secret)).isEqualTo("keep");
        assertThat(Files.exists(dir(api, "repairs").resolve(repairPhoto))).isTrue();
        assertThat(Files.exists(logo)).isTrue();
        assertThat(Files.exists(dir(api, "expenses").resolve(temp))).isTrue();
        assertThat(api.delete("/upload/expense/..%2Fkeep.txt", admin).detail()).isEqualTo("Invalid filename");
    }
}
