package dev.kotak.retention;

import java.nio.file.Path;

import javax.inject.Inject;

import org.apache.james.filesystem.api.JamesDirectoriesProvider;

import com.google.inject.AbstractModule;

import dev.kotak.core.audit.AuditLog;
import dev.kotak.core.retention.config.RetentionConfig;
import dev.kotak.pop3.maildrop.MaildropPolicy;
import dev.kotak.retention.audit.LoggingAuditLog;
import dev.kotak.retention.pop3.RetentionMaildropPolicy;
import dev.kotak.retention.settings.RetentionSettings;

/**
 * Enables Kotak retention in a James server: {@code guice.extension.module=dev.kotak.retention.RetentionModule}
 * in extensions.properties. James creates this module through its injector, so it reads conf/retention.xml in its
 * constructor: an invalid file stops the server before any listener serves.
 */
public class RetentionModule extends AbstractModule {
    private final RetentionConfig config;

    @Inject
    public RetentionModule(JamesDirectoriesProvider directories) {
        this(RetentionSettings.load(Path.of(directories.getConfDirectory())));
    }

    public RetentionModule(RetentionConfig config) {
        this.config = config;
    }

    @Override
    protected void configure() {
        bind(RetentionConfig.class).toInstance(config);
        bind(MaildropPolicy.class).to(RetentionMaildropPolicy.class);
        bind(AuditLog.class).to(LoggingAuditLog.class);
    }
}
