package dev.kotak.pop3.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * Random and malformed POP3 input, one "line" at a time: what a broken client, a scanner or an attacker sends.
 * Every kind of input the fuzz test promises is here: random bytes, huge and odd numbers, NULs, partial commands,
 * real commands with garbage arguments, overlong lines, CR without LF, bare LF, SASL garbage, and valid commands
 * (so that the TRANSACTION-state handlers get malformed input too, not only the AUTHORIZATION-state ones).
 *
 * <p>Deterministic for a given {@link Random}: a failure reproduces from the seed the test prints.
 */
final class FuzzLines {
    /** Command names for garbage. QUIT is not among them: it ends the session, so it is sent rarely, on purpose. */
    static final String[] COMMANDS = {"USER", "PASS", "APOP", "AUTH", "STLS", "CAPA", "STAT", "LIST", "UIDL", "TOP",
        "RETR", "DELE", "NOOP", "RSET", "LAST", "RPOP", "XTND", "HELO", "EHLO", "GET", "LOGIN", "UTF8", "LANG", "QUITE",
        "QUI"};
    /** Commands that take message numbers. */
    private static final String[] MESSAGE_COMMANDS = {"LIST", "UIDL", "RETR", "DELE", "TOP"};
    private static final String[] ODD_NUMBERS = {"0", "-1", "-0", "+1", "00001", "1 ", " 1", "2147483647",
        "2147483648", "-2147483648", "-2147483649", "4294967296", "9223372036854775807", "9223372036854775808",
        "-9223372036854775809", "99999999999999999999999999999999", "1e9", "1.5", "0x10", "1_000", "NaN",
        "Infinity", "\u0661", "\uff11", "\u2460", "1\u0000", "", "*", "%n", "%s%s%s", "1,2", "1-3", "1;2"};

    private final Random random;
    private final String user;
    private final String password;

    FuzzLines(Random random, String user, String password) {
        this.random = random;
        this.user = user;
        this.password = password;
    }

    /** The bytes of one line, terminator included (usually CRLF; sometimes LF, CR, or none at all). */
    byte[] next() {
        int kind = random.nextInt(100);
        if (kind < 14) {
            return randomBytes();
        }
        if (kind < 26) {
            return terminate(oddNumbers());
        }
        if (kind < 32) {
            return terminate(withNul());
        }
        if (kind < 40) {
            return partial();
        }
        if (kind < 56) {
            return terminate(garbageArguments());
        }
        if (kind < 58) {
            return terminate(overlong());
        }
        if (kind < 64) {
            return crWithoutLf();
        }
        if (kind < 69) {
            return terminate(blanks());
        }
        if (kind < 75) {
            return terminate(sasl());
        }
        if (kind < 79) {
            return terminate(highBit());
        }
        return terminate(valid());
    }

    /** The lines of a valid login, USER/PASS or AUTH PLAIN with an initial response. */
    byte[] login() {
        if (random.nextBoolean()) {
            return ascii("USER " + user + "\r\nPASS " + password + "\r\n");
        }
        String credentials = "\u0000" + user + "\u0000" + password;
        return ascii("AUTH PLAIN " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8))
            + "\r\n");
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[random.nextInt(160)];
        random.nextBytes(bytes);
        return terminate(bytes);
    }

    private String oddNumbers() {
        String command = pick(MESSAGE_COMMANDS);
        String text = caseOf(command) + " " + oddNumber();
        if (command.equals("TOP") || random.nextInt(4) == 0) {
            text += " " + oddNumber();
        }
        if (random.nextInt(8) == 0) {
            text += " " + oddNumber();
        }
        return text;
    }

    private String oddNumber() {
        switch (random.nextInt(4)) {
            case 0:
                return Long.toString(random.nextLong());
            case 1:
                return Integer.toString(random.nextInt(10));
            case 2:
                return "9".repeat(1 + random.nextInt(400));
            default:
                return pick(ODD_NUMBERS);
        }
    }

    private byte[] withNul() {
        byte[] line = ascii(random.nextBoolean() ? valid() : garbageArguments());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = random.nextInt(line.length + 1);
        out.write(line, 0, at);
        int nuls = 1 + random.nextInt(random.nextInt(10) == 0 ? 200 : 3);
        for (int i = 0; i < nuls; i++) {
            out.write(0);
        }
        out.write(line, at, line.length - at);
        return out.toByteArray();
    }

    /** A prefix of a command; half the time with no terminator, so it runs into the next line. */
    private byte[] partial() {
        String line = random.nextBoolean() ? valid() : garbageArguments();
        String prefix = line.substring(0, random.nextInt(line.length() + 1));
        return random.nextBoolean() ? ascii(prefix) : terminate(prefix);
    }

    private String garbageArguments() {
        StringBuilder line = new StringBuilder(caseOf(pick(COMMANDS)));
        int arguments = random.nextInt(6);
        for (int i = 0; i < arguments; i++) {
            line.append(random.nextInt(5) == 0 ? "\t" : " ").append(garbageToken());
        }
        return line.toString();
    }

    private String garbageToken() {
        int length = 1 + random.nextInt(random.nextInt(10) == 0 ? 300 : 12);
        StringBuilder token = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int shape = random.nextInt(10);
            if (shape < 6) {
                token.append((char) (0x21 + random.nextInt(0x5e))); // printable ASCII
            } else if (shape < 8) {
                token.append((char) ('0' + random.nextInt(10)));
            } else if (shape < 9) {
                token.append((char) random.nextInt(0x20)); // controls, CR and LF excepted below
            } else {
                token.append((char) (0x80 + random.nextInt(0x2000)));
            }
        }
        return token.toString().replace('\n', '_').replace('\r', '_');
    }

    private String overlong() {
        int length = random.nextInt(20) == 0 ? 50_000 + random.nextInt(150_000) : 900 + random.nextInt(12_000);
        String prefix = random.nextBoolean() ? caseOf(pick(COMMANDS)) + " " : "";
        char filler = random.nextBoolean() ? 'A' : '9';
        return prefix + String.valueOf(filler).repeat(length);
    }

    /** Commands separated by lone CRs (one line for the server, or several for a lenient one). */
    private byte[] crWithoutLf() {
        StringBuilder text = new StringBuilder();
        int commands = 1 + random.nextInt(4);
        for (int i = 0; i < commands; i++) {
            text.append(random.nextBoolean() ? valid() : pick(COMMANDS)).append('\r');
        }
        if (random.nextBoolean()) {
            text.append('\n');
        }
        return ascii(text.toString());
    }

    private String blanks() {
        String[] shapes = {"", " ", "\t", "   ", " STAT", "STAT ", "RETR  1", "RETR\t1", "LIST 1 ", " LIST", "TOP 1  0",
            "\u000b", "\f", "NOOP\u0000", "\u00a0RETR 1"};
        return pick(shapes);
    }

    private String sasl() {
        switch (random.nextInt(10)) {
            case 0:
                return "AUTH";
            case 1:
                return "AUTH PLAIN";
            case 2:
                return "*";
            case 3:
                return "AUTH PLAIN =";
            case 4:
                return "AUTH " + pick(new String[] {"LOGIN", "CRAM-MD5", "XOAUTH2", "GSSAPI", "plain", "PLAIN PLAIN"})
                    + " " + garbageToken();
            case 5:
                return Base64.getEncoder().encodeToString(("\u0000" + user + "\u0000wrong-" + random.nextInt())
                    .getBytes(StandardCharsets.UTF_8));
            case 6:
                return "AUTH PLAIN " + Base64.getEncoder().encodeToString(randomBytesOf(random.nextInt(100)));
            case 7:
                return "AUTH PLAIN " + garbageToken();
            case 8:
                return Base64.getEncoder().encodeToString(randomBytesOf(random.nextInt(60)));
            default:
                return "AUTH PLAIN " + Base64.getEncoder().encodeToString(("\u0000\u0000\u0000")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private String highBit() {
        String[] shapes = {"USER \u00fcn\u00efc\u00f6d\u00e9@example.org", "RETR \u2460", "\u0420\u0415\u0422\u0420 1",
            "PASS \ud83d\udd11", "USER " + user + "\u0301", "LIST \u0661", "\ufeffSTAT", "USER \ud800"};
        return pick(shapes);
    }

    /** Well-formed commands, right or wrong for the state the session happens to be in. */
    private String valid() {
        int n = 1 + random.nextInt(8);
        switch (random.nextInt(17)) {
            case 0: return "STAT";
            case 1: return "LIST";
            case 2: return "LIST " + n;
            case 3: return "UIDL";
            case 4: return "UIDL " + n;
            case 5: return "TOP " + n + " " + random.nextInt(5);
            case 6: return "RETR " + n;
            case 7: return "DELE " + n;
            case 8: return "RSET";
            case 9: return "NOOP";
            case 10: return "CAPA";
            case 11: return "USER " + (random.nextBoolean() ? user : "nobody" + random.nextInt(50) + "@fuzz.kotak.dev");
            case 12: return "PASS " + (random.nextInt(4) == 0 ? password : "wrong" + random.nextInt(1000));
            case 13: return "STLS";
            case 14: return "APOP " + user + " 0123456789abcdef0123456789abcdef";
            case 15: return "TOP " + n + " 99999999";
            default: return random.nextInt(50) == 0 ? "QUIT" : "NOOP"; // ~0.1 % of lines: most sessions run on
        }
    }

    private String caseOf(String command) {
        switch (random.nextInt(6)) {
            case 0:
                return command.toLowerCase(java.util.Locale.ROOT);
            case 1:
                StringBuilder mixed = new StringBuilder();
                for (char c : command.toCharArray()) {
                    mixed.append(random.nextBoolean() ? Character.toLowerCase(c) : c);
                }
                return mixed.toString();
            default:
                return command;
        }
    }

    private byte[] terminate(String line) {
        return terminate(line.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] terminate(byte[] line) {
        int choice = random.nextInt(20);
        String end = choice < 16 ? "\r\n" : choice < 19 ? "\n" : "\r\r\n";
        byte[] result = new byte[line.length + end.length()];
        System.arraycopy(line, 0, result, 0, line.length);
        System.arraycopy(ascii(end), 0, result, line.length, end.length());
        return result;
    }

    private byte[] randomBytesOf(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
