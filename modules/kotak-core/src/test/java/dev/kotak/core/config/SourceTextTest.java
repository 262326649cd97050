package dev.kotak.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SourceTextTest {

    @Test
    void countsLinesTheWayTheParserDoes() {
        SourceText text = SourceText.of("a\r\nbc\rd\n\te");

        assertThat(text.offsetOf(1, 1)).isEqualTo(0);
        assertThat(text.offsetOf(2, 2)).isEqualTo(4);
        assertThat(text.offsetOf(3, 1)).isEqualTo(6);
        assertThat(text.offsetOf(4, 2)).isEqualTo(9);
        assertThat(text.lineOf(9)).isEqualTo(4);
        assertThat(text.columnOf(9)).isEqualTo(2);
        assertThat(text.lineOf(2)).isEqualTo(1);
    }

    @Test
    void clampsPositionsOutsideTheText() {
        SourceText text = SourceText.of("ab\ncd");

        assertThat(text.offsetOf(0, 5)).isZero();
        assertThat(text.offsetOf(9, 1)).isEqualTo(5);
        assertThat(text.offsetOf(2, 99)).isEqualTo(5);
    }

    @Test
    void decodesInTheDetectedEncodingAndDropsTheByteOrderMark() {
        byte[] utf8 = "\uFEFFcaf\u00e9".getBytes(StandardCharsets.UTF_8);
        assertThat(SourceText.decode(utf8, "UTF-8").substring(0, 4)).isEqualTo("caf\u00e9");
        assertThat(SourceText.decode("caf\u00e9".getBytes(StandardCharsets.ISO_8859_1), "ISO-8859-1").substring(0, 4))
                .isEqualTo("caf\u00e9");
        assertThat(SourceText.decode(utf8, "no-such-charset").length()).isEqualTo(4);
        assertThat(SourceText.decode(utf8, null).length()).isEqualTo(4);
    }

    @Test
    void scansAttributeNamesInsideAStartTag() {
        SourceText text = SourceText.of("<policy  name='a>b' \n\textends = \"c\" name=\"d\"/><next x='1'>");

        List<String> found = StartTagScanner.attributes(text, 0).stream()
                .map(token -> token.name + "@" + text.lineOf(token.offset) + ":" + text.columnOf(token.offset))
                .collect(Collectors.toList());

        assertThat(found).containsExactly("name@1:10", "extends@2:2", "name@2:16");
    }

    @Test
    void stopsQuietlyOnAMalformedStartTag() {
        assertThat(StartTagScanner.attributes(SourceText.of("<policy name=gold/>"), 0)).extracting(token -> token.name)
                .containsExactly("name");
        assertThat(StartTagScanner.attributes(SourceText.of("<policy name=\"gold"), 0)).hasSize(1);
        assertThat(StartTagScanner.attributes(SourceText.of("<policy"), 0)).isEmpty();
    }
}
