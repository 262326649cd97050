package dev.kotak.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "cvc-new-rule.1: Element 'x' broke [children] rule.                | element 'x' broke children rule",
        "JAXP00010001: The parser has encountered more than \"64000\" entity expansions. | the parser has encountered more than \"64000\" entity expansions",
        "XML document structures must start and end within the same entity. | XML document structures must start and end within the same entity",
        "A cvc-inner.2 code in the middle.                                 | a code in the middle",
        "Element '{\"urn:x\":policy}' is odd.                             | element 'policy' is odd",
    })
    void fallsBackToTheRawTextWithoutCodesOrNamespaces(String raw, String expected) {
        assertThat(MessageText.fallback(raw)).isEqualTo(expected);
    }

    @Test
    void readsXercesNameLists() {
        assertThat(MessageText.joinLocalNames(MessageText.nameList("{\"urn:a\":x, y, \"urn:b\":x, WC[##any]}")))
                .isEqualTo("x, y, any element");
        assertThat(MessageText.nameList("{\"urn:a\":x}").get(0).namespace).isEqualTo("urn:a");
        assertThat(MessageText.nameList("{y}").get(0).namespace).isEmpty();
    }

    @Test
    void findsTheCodeAMessageStartsWith() {
        assertThat(MessageText.codeOf("cvc-complex-type.2.4.a: Invalid content")).isEqualTo("cvc-complex-type.2.4.a");
        assertThat(MessageText.codeOf("Premature end of file.")).isEmpty();
    }
}
