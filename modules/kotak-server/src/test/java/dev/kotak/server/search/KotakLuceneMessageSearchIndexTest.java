package dev.kotak.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.jpa.JPAId;
import org.apache.james.mailbox.model.ByteContent;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.ThreadId;
import org.apache.james.mailbox.model.UidValidity;
import org.apache.james.mailbox.model.UpdatedFlags;
import org.apache.james.mailbox.store.mail.model.DefaultMessageId;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.apache.james.mailbox.store.mail.model.impl.PropertyBuilder;
import org.apache.james.mailbox.store.mail.model.impl.SimpleMailboxMessage;
import org.apache.lucene.document.Fieldable;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermDocs;
import org.apache.lucene.index.TermEnum;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.RAMDirectory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The flags document written by {@link KotakLuceneMessageSearchIndex#update} is the one James 3.8.1 writes when it
 * indexes a message with the same flags: the same stored fields and the same indexed terms, so James's searches
 * cannot tell them apart.
 */
class KotakLuceneMessageSearchIndexTest {
    private static final Username USER = Username.of("alice@example.org");
    private static final MailboxSession SESSION = new MailboxSession(MailboxSession.SessionId.of(1), USER,
        Optional.of(USER), List.of(Locale.ROOT), '.', MailboxSession.SessionType.User);
    private static final JPAId MAILBOX_ID = JPAId.of(7);
    private static final Mailbox MAILBOX = new Mailbox(MailboxPath.inbox(USER), UidValidity.of(42), MAILBOX_ID);
    private static final MessageUid UID = MessageUid.of(5);
    private static final String FLAGS_ID = "flags-7-5";

    static Stream<Flags> flags() {
        Flags everything = new Flags();
        for (Flags.Flag flag : List.of(Flags.Flag.ANSWERED, Flags.Flag.DELETED, Flags.Flag.DRAFT, Flags.Flag.FLAGGED,
            Flags.Flag.RECENT, Flags.Flag.SEEN)) {
            everything.add(flag);
        }
        everything.add("$KotakRetrieved.1763990000");
        everything.add("kw-b");
        Flags keywordsOnly = new Flags("$a");
        keywordsOnly.add("$b");
        return Stream.of(new Flags(), new Flags(Flags.Flag.SEEN), everything, keywordsOnly);
    }

    @ParameterizedTest
    @MethodSource("flags")
    void anUpdateWritesTheFlagsDocumentJamesWritesForTheSameFlags(Flags flags) throws Exception {
        Directory james = new RAMDirectory();
        KotakLuceneMessageSearchIndex jamesIndex = index(james);
        jamesIndex.add(SESSION, MAILBOX, message(flags)).block();
        jamesIndex.close();

        Directory updated = new RAMDirectory();
        KotakLuceneMessageSearchIndex index = index(updated);
        Flags before = new Flags(Flags.Flag.ANSWERED);
        before.add("$before");
        index.add(SESSION, MAILBOX, message(before)).block();
        index.update(SESSION, MAILBOX_ID, List.of(update(before, new Flags()))).block();
        index.update(SESSION, MAILBOX_ID, List.of(update(new Flags(), flags))).block();
        index.close();

        assertThat(flagsDocument(updated)).isEqualTo(flagsDocument(james)).isNotEmpty();
    }

    private static KotakLuceneMessageSearchIndex index(Directory directory) throws Exception {
        return new KotakLuceneMessageSearchIndex(null, new JPAId.Factory(), directory, new DefaultMessageId.Factory(), null);
    }

    private static UpdatedFlags update(Flags oldFlags, Flags newFlags) {
        return UpdatedFlags.builder().uid(UID).modSeq(ModSeq.of(2)).oldFlags(oldFlags).newFlags(newFlags).build();
    }

    private static MailboxMessage message(Flags flags) {
        byte[] content = "Subject: flags\r\nMessage-ID: <flags@tests.kotak.dev>\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        MessageId messageId = new DefaultMessageId.Factory().generate();
        return SimpleMailboxMessage.builder()
            .messageId(messageId)
            .threadId(ThreadId.fromBaseMessageId(messageId))
            .uid(UID)
            .modseq(ModSeq.of(1))
            .internalDate(new Date(1_700_000_000_000L))
            .size(content.length)
            .bodyStartOctet(content.length - "body\r\n".length())
            .content(new ByteContent(content))
            .flags(flags)
            .properties(new PropertyBuilder())
            .mailboxId(MAILBOX_ID)
            .build();
    }

    /** The one live document with the flags document's id: its stored fields, then the terms it is indexed under. */
    private static List<String> flagsDocument(Directory directory) throws Exception {
        List<String> description = new ArrayList<>();
        try (IndexReader reader = IndexReader.open(directory)) {
            List<Integer> docs = new ArrayList<>();
            try (TermDocs termDocs = reader.termDocs(new Term(KotakLuceneMessageSearchIndex.ID_FIELD, FLAGS_ID))) {
                while (termDocs.next()) {
                    docs.add(termDocs.doc());
                }
            }
            assertThat(docs).as("documents with id %s", FLAGS_ID).hasSize(1);
            int doc = docs.get(0);
            for (Fieldable field : reader.document(doc).getFields()) {
                description.add("stored " + field.name() + "=" + field.stringValue() + " indexed=" + field.isIndexed()
                    + " tokenized=" + field.isTokenized());
            }
            try (TermEnum terms = reader.terms()) {
                while (terms.next()) {
                    try (TermDocs termDocs = reader.termDocs(terms.term())) {
                        if (termDocs.skipTo(doc) && termDocs.doc() == doc) {
                            description.add("term " + terms.term().field() + ":" + terms.term().text());
                        }
                    }
                }
            }
        }
        return description;
    }
}
