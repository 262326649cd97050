package dev.kotak.pop3.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.protocols.api.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MessageArgumentsTest {
    private static final int MESSAGES = 5;

    @Test
    void aValidNumberIsAccepted() {
        MessageArguments arguments = MessageArguments.messageNumber("RETR", "3", MESSAGES);

        assertThat(arguments.isValid()).isTrue();
        assertThat(arguments.messageNumber()).isEqualTo(3);
    }

    @Test
    void leadingZerosAndExtraSpacesAreTolerated() {
        assertThat(MessageArguments.messageNumber("RETR", " 005 ", MESSAGES).messageNumber()).isEqualTo(5);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "RETR|0|-ERR There's no message 0.|false",
        "RETR|6|-ERR There's no message 6.|false",
        "RETR|000|-ERR There's no message 0.|false",
        "RETR|99999999999999999999|-ERR There's no message 99999999999999999999.|false",
        "RETR|-1|-ERR Invalid message number: -1|true",
        "RETR|+1|-ERR Invalid message number: +1|true",
        "RETR|1a|-ERR Invalid message number: 1a|true",
        "RETR|abc|-ERR Invalid message number: abc|true",
        "RETR|1 2|-ERR Noise after message number: 2|true",
        "LIST|1 2 3|-ERR Noise after message number: 2 3|true",
        "DELE|'' |-ERR Usage: DELE msg|true",
    })
    void mistakesGetSpecificReplies(String command, String argument, String reply, boolean bad) {
        MessageArguments arguments = MessageArguments.messageNumber(command, argument, MESSAGES);

        assertThat(arguments.isValid()).isFalse();
        Response error = arguments.error().orElseThrow();
        assertThat(error.getLines()).extracting(CharSequence::toString).containsExactly(reply);
        assertThat(error instanceof BadCommandReply).isEqualTo(bad);
    }

    @Test
    void aMissingArgumentIsAUsageError() {
        assertThat(MessageArguments.messageNumber("RETR", null, MESSAGES).error().orElseThrow().getLines())
            .extracting(CharSequence::toString).containsExactly("-ERR Usage: RETR msg");
    }

    @Test
    void topTakesAMessageAndALineCount() {
        MessageArguments arguments = MessageArguments.top("2 10", MESSAGES);

        assertThat(arguments.messageNumber()).isEqualTo(2);
        assertThat(arguments.lineCount()).isEqualTo(10);
    }

    @Test
    void topWithAHugeLineCountMeansTheWholeMessage() {
        assertThat(MessageArguments.top("1 99999999", MESSAGES).lineCount()).isEqualTo(99999999L);
        assertThat(MessageArguments.top("1 999999999999999999999999", MESSAGES).lineCount()).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1 -1|-ERR Invalid line count: -1",
        "1 x|-ERR Invalid line count: x",
        "1|-ERR Usage: TOP msg n",
        "x|-ERR Invalid message number: x",
        "-1 5|-ERR Invalid message number: -1",
        "1 2 3|-ERR Noise after line count: 3",
        "0 1|-ERR There's no message 0.",
        "9 1|-ERR There's no message 9.",
    })
    void topMistakes(String argument, String reply) {
        assertThat(MessageArguments.top(argument, MESSAGES).error().orElseThrow().getLines())
            .extracting(CharSequence::toString).containsExactly(reply);
    }

    @Test
    void topWithoutArgumentsIsAUsageError() {
        assertThat(MessageArguments.top(null, MESSAGES).error().orElseThrow().getLines())
            .extracting(CharSequence::toString).containsExactly("-ERR Usage: TOP msg n");
    }

    @Test
    void echoedArgumentsAreSanitised() {
        assertThat(MessageArguments.messageNumber("RETR", "1\u0000\u00e9x", MESSAGES).error().orElseThrow().getLines())
            .extracting(CharSequence::toString).containsExactly("-ERR Invalid message number: 1??x");
    }
}
