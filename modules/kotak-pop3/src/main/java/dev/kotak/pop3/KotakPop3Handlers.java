package dev.kotak.pop3;

import java.util.List;

import org.apache.james.protocols.api.handler.CommandHandlerResultLogger;
import org.apache.james.protocols.lib.handler.HandlersPackage;

import dev.kotak.pop3.auth.AuthCommand;
import dev.kotak.pop3.auth.PassCommand;
import dev.kotak.pop3.auth.UserCommand;
import dev.kotak.pop3.commands.ApopCommand;
import dev.kotak.pop3.commands.CapaCommand;
import dev.kotak.pop3.commands.DeleCommand;
import dev.kotak.pop3.commands.GreetingHandler;
import dev.kotak.pop3.commands.ListCommand;
import dev.kotak.pop3.commands.NoopCommand;
import dev.kotak.pop3.commands.QuitCommand;
import dev.kotak.pop3.commands.RetrCommand;
import dev.kotak.pop3.commands.RsetCommand;
import dev.kotak.pop3.commands.SessionEndHandler;
import dev.kotak.pop3.commands.StatCommand;
import dev.kotak.pop3.commands.StlsCommand;
import dev.kotak.pop3.commands.TopCommand;
import dev.kotak.pop3.commands.UidlCommand;
import dev.kotak.pop3.commands.UnknownCommand;
import dev.kotak.pop3.protocol.KotakCommandDispatcher;

/**
 * Kotak's POP3 handlers, enabled per listener with
 * {@code <handlerchain coreHandlersPackage="dev.kotak.pop3.KotakPop3Handlers">} in pop3server.xml. It replaces
 * James's {@code CoreCmdHandlerLoader} list entirely: every command is answered by a Kotak handler. Handlers
 * declared in the XML still come first in the chain (e.g. extra {@code CapaCapability} providers).
 */
public class KotakPop3Handlers implements HandlersPackage {
    private static final List<String> HANDLERS = List.of(
        GreetingHandler.class.getName(),
        KotakCommandDispatcher.class.getName(),
        CapaCommand.class.getName(),
        UserCommand.class.getName(),
        PassCommand.class.getName(),
        AuthCommand.class.getName(),
        StlsCommand.class.getName(),
        ListCommand.class.getName(),
        UidlCommand.class.getName(),
        TopCommand.class.getName(),
        RetrCommand.class.getName(),
        DeleCommand.class.getName(),
        RsetCommand.class.getName(),
        NoopCommand.class.getName(),
        StatCommand.class.getName(),
        QuitCommand.class.getName(),
        ApopCommand.class.getName(),
        UnknownCommand.class.getName(),
        SessionEndHandler.class.getName(),
        CommandHandlerResultLogger.class.getName());

    @Override
    public List<String> getHandlers() {
        return HANDLERS;
    }
}
