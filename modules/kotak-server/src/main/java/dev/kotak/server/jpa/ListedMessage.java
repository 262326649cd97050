package dev.kotak.server.jpa;

import java.io.IOException;
import java.io.InputStream;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.mail.Flags;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.ComposedMessageId;
import org.apache.james.mailbox.model.ComposedMessageIdWithMetaData;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MessageAttachmentMetadata;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.ThreadId;
import org.apache.james.mailbox.store.mail.model.FlagsFactory;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.apache.james.mailbox.store.mail.model.impl.Properties;

/**
 * A message of a listing batch ({@link MetadataBatchRead}): James's own entity, loaded without its keyword
 * collection and without its mailbox, and the keywords read for the whole batch in one query. Its flags are those
 * keywords plus the entity's system-flag columns, and its mailbox id is the one the batch was read from (so that
 * asking for it never loads the entity's mailbox); everything else is the entity's, loaded on demand as before.
 */
final class ListedMessage implements MailboxMessage {
    private final MailboxMessage entity;
    private final MailboxId mailboxId;
    private final String[] keywords;

    ListedMessage(MailboxMessage entity, MailboxId mailboxId, List<String> keywords) {
        this.entity = entity;
        this.mailboxId = mailboxId;
        this.keywords = keywords.toArray(String[]::new);
    }

    @Override
    public Flags createFlags() {
        return FlagsFactory.createFlags(entity, keywords);
    }

    @Override
    public ComposedMessageIdWithMetaData getComposedMessageIdWithMetaData() {
        return ComposedMessageIdWithMetaData.builder()
            .modSeq(getModSeq())
            .flags(createFlags())
            .composedMessageId(new ComposedMessageId(getMailboxId(), getMessageId(), getUid()))
            .threadId(getThreadId())
            .build();
    }

    @Override
    public ThreadId getThreadId() {
        return entity.getThreadId();
    }

    @Override
    public MailboxId getMailboxId() {
        return mailboxId;
    }

    @Override
    public MessageUid getUid() {
        return entity.getUid();
    }

    @Override
    public void setUid(MessageUid uid) {
        entity.setUid(uid);
    }

    @Override
    public void setModSeq(ModSeq modSeq) {
        entity.setModSeq(modSeq);
    }

    @Override
    public ModSeq getModSeq() {
        return entity.getModSeq();
    }

    @Override
    public boolean isAnswered() {
        return entity.isAnswered();
    }

    @Override
    public boolean isDeleted() {
        return entity.isDeleted();
    }

    @Override
    public boolean isDraft() {
        return entity.isDraft();
    }

    @Override
    public boolean isFlagged() {
        return entity.isFlagged();
    }

    @Override
    public boolean isRecent() {
        return entity.isRecent();
    }

    @Override
    public boolean isSeen() {
        return entity.isSeen();
    }

    @Override
    public void setFlags(Flags flags) {
        entity.setFlags(flags);
    }

    @Override
    public void setSaveDate(Date saveDate) {
        entity.setSaveDate(saveDate);
    }

    @Override
    public MailboxMessage copy(Mailbox mailbox) throws MailboxException {
        return entity.copy(mailbox);
    }

    @Override
    public Optional<Date> getSaveDate() {
        return entity.getSaveDate();
    }

    @Override
    public MessageId getMessageId() {
        return entity.getMessageId();
    }

    @Override
    public Date getInternalDate() {
        return entity.getInternalDate();
    }

    @Override
    public InputStream getBodyContent() throws IOException {
        return entity.getBodyContent();
    }

    @Override
    public String getMediaType() {
        return entity.getMediaType();
    }

    @Override
    public String getSubType() {
        return entity.getSubType();
    }

    @Override
    public long getBodyOctets() {
        return entity.getBodyOctets();
    }

    @Override
    public long getFullContentOctets() {
        return entity.getFullContentOctets();
    }

    @Override
    public long getHeaderOctets() {
        return entity.getHeaderOctets();
    }

    @Override
    public Long getTextualLineCount() {
        return entity.getTextualLineCount();
    }

    @Override
    public InputStream getHeaderContent() throws IOException {
        return entity.getHeaderContent();
    }

    @Override
    public InputStream getFullContent() throws IOException {
        return entity.getFullContent();
    }

    @Override
    public Properties getProperties() {
        return entity.getProperties();
    }

    @Override
    public List<MessageAttachmentMetadata> getAttachments() {
        return entity.getAttachments();
    }

    /** As James's entity: the same message of the same mailbox. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ListedMessage && mailboxId.equals(((ListedMessage) other).mailboxId)
            && getUid().equals(((ListedMessage) other).getUid());
    }

    @Override
    public int hashCode() {
        return Objects.hash(mailboxId, getUid());
    }
}
