package dev.kotak.server.config;

import java.util.Optional;

/** The value of a {@code <bind>} element: one or more {@code host:port}, comma separated, as James reads it. */
final class BindAddresses {
    private static final String EXPECTED = "expected host:port such as 0.0.0.0:110, several separated by commas";

    private BindAddresses() {
    }

    /** @return what is wrong with {@code value}, or empty when James can bind it */
    static Optional<String> check(String value) {
        String trimmed = value.trim();
        if (trimmed.isEmpty()) {
            return Optional.of("element 'bind' is empty; " + EXPECTED);
        }
        for (String address : trimmed.split(",")) {
            String candidate = address.trim();
            int colon = candidate.lastIndexOf(':');
            if (colon <= 0 || colon == candidate.length() - 1) {
                return Optional.of("'" + candidate + "' is not a listener address; " + EXPECTED);
            }
            String port = candidate.substring(colon + 1);
            if (!port.chars().allMatch(Character::isDigit) || port.length() > 5 || Integer.parseInt(port) > 65535) {
                return Optional.of("'" + port + "' in '" + candidate + "' is not a port; expected a number from 0 to 65535");
            }
        }
        return Optional.empty();
    }
}
