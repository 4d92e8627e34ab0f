package busmanager.uploads;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FileTypeTest {
    private static FileType signature(int... values) {
        byte[] head = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            head[i] = (byte) values[i];
        }
        return FileType.ofSignature(head, head.length);
    }

    private static FileType signature(String text) {
        byte[] head = text.getBytes(StandardCharsets.ISO_8859_1);
        return FileType.ofSignature(head, head.length);
    }

    private static boolean svg(String text) throws IOException {
        return SvgSniffer.isSvg(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void binarySignatures() {
        assertThat(signature(0xff, 0xd8, 0xff, 0xe0)).isEqualTo(FileType.JPEG);
        assertThat(signature(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0)).isEqualTo(FileType.PNG);
        assertThat(signature('R', 'I', 'F', 'F', 1, 2, 3, 4, 'W', 'E', 'B', 'P', 'V', 'P')).isEqualTo(FileType.WEBP);
        assertThat(signature('%', 'P', 'D', 'F', '-', '1', '.', '7')).isEqualTo(FileType.PDF);
        assertThat(signature('R', 'I', 'F', 'F', 1, 2, 3, 4, 'W', 'A', 'V', 'E')).isNull();
        assertThat(signature('%', 'P', 'D', 'F')).isNull();
        assertThat(signature(0x89, 'P', 'N', 'G')).isNull();
        assertThat(signature()).isNull();
        assertThat(signature("<html><body>")).isNull();
    }

    @Test
    void svgRootAfterAnyProlog() throws IOException {
        assertThat(svg("<svg xmlns=\"http://www.w3.org/2000/svg\"/>")).isTrue();
        assertThat(svg("\ufeff<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- made by hand -> still comment -->\n"
                + "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">"
                + "\n  <svg width=\"10\"></svg>")).isTrue();
        assertThat(svg("<!DOCTYPE svg [ <!ENTITY a \"x>y\"> <!-- ] > --> ]><?pi data?><!----->\t<svg>")).isTrue();
        assertThat(svg("<svg:svg xmlns:svg=\"http://www.w3.org/2000/svg\"/>")).isTrue();
    }

    @Test
    void svgInUtf16WithByteOrderMark() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe});
        out.writeBytes("<?xml version=\"1.0\" encoding=\"UTF-16\"?><svg/>".getBytes(StandardCharsets.UTF_16LE));
        assertThat(SvgSniffer.isSvg(new ByteArrayInputStream(out.toByteArray()))).isTrue();
    }

    @Test
    void otherDocumentsAreNotSvg() throws IOException {
        assertThat(svg("<!DOCTYPE html><html><body><svg></svg></body></html>")).isFalse();
        assertThat(svg("<html><svg/></html>")).isFalse();
        assertThat(svg("<svgx/>")).isFalse();
        assertThat(svg("<SVG/>")).isFalse();
        assertThat(svg("plain text <svg/>")).isFalse();
        assertThat(svg("<!-- never closed <svg/>")).isFalse();
        assertThat(svg("<?xml version=\"1.0\"?><script>alert(1)</script>")).isFalse();
        assertThat(svg("")).isFalse();
    }
}
