package dev.kotak.pop3.commands;

import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.UnknownCommandHandler;
import org.apache.james.protocols.pop3.POP3Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kotak.pop3.protocol.ClientText;
import dev.kotak.pop3.protocol.Replies;

/** Commands nobody implements: {@code -ERR Unknown command: X}, X sanitised; logged at DEBUG only (clients can flood). */
public class UnknownCommand extends UnknownCommandHandler<POP3Session> {
    private static final Logger LOGGER = LoggerFactory.getLogger(UnknownCommand.class);

    @Override
    public Response onCommand(POP3Session session, Request request) {
        String command = request.getCommand() == null ? "" : request.getCommand();
        if (command.isEmpty()) {
            return Replies.bad("Empty command.");
        }
        String shown = ClientText.sanitize(command);
        LOGGER.debug("Unknown POP3 command {}", shown);
        return Replies.bad("Unknown command: " + shown);
    }
}
