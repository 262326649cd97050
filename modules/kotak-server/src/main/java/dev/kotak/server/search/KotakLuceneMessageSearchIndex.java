package dev.kotak.server.search;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;
import javax.mail.Flags;

import org.apache.james.mailbox.SessionProvider;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.lucene.search.LuceneMessageSearchIndex;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.UpdatedFlags;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MergePolicy;
import org.apache.lucene.index.SegmentInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.Directory;

import reactor.core.publisher.Mono;

/**
 * James 3.8.1's Lucene index, with a flags update that costs one {@code updateDocument} per message.
 *
 * <p>James 3.8.1 runs {@link #update(MailboxSession, MailboxId, List)} synchronously inside
 * {@code MessageManager.setFlags}, and for each message opens a near-real-time reader (a flush of the writer),
 * searches the message's flags document (mailbox id, numeric UID, any flag, top 100,000 hits) and rewrites it.
 * Measured on the distribution with 520 messages: 83 % of a POP3 {@code QUIT} of the retention module, which
 * writes keywords on every downloaded message (2.4 s), and 2.1 s for stock James's own IMAP
 * {@code STORE 1:* +FLAGS (...)}. Newer James versions write the new flags document directly by its id term;
 * this class does the same in our composition. {@code updateDocument} replaces every document with that id, so the
 * result is the same as James's search-and-rewrite, without the reader and the search.
 *
 * <p>The flags document built here is the one {@code LuceneMessageSearchIndex.createFlagsDocument} builds, field
 * for field, so James's flag searches, deletes and {@code retrieveIndexedFlags} read it as their own:
 * {@value #ID_FIELD} {@code flags-<mailbox id>-<uid>}, {@value #MAILBOX_ID_FIELD}, a stored and indexed numeric
 * {@value #UID_FIELD}, and one {@value #FLAGS_FIELD} value per flag (with James's names for system flags), or
 * the empty value when there is none.
 *
 * <p>James keeps its {@link IndexWriter} private and builds it in its constructor from {@link #createConfig}, its
 * protected extension point. We keep James's configuration and wrap its merge policy: Lucene 3.6's
 * {@code IndexWriter} constructor hands itself to {@link MergePolicy#setIndexWriter} before anything else (the
 * merge policy needs it to size segments), so the wrapper receives the one writer of the index. Lucene's own
 * {@code UpgradeIndexMergePolicy} wraps a policy the same way. No reflection, and James's merge policy
 * ({@code LogByteSizeMergePolicy} for its {@code LUCENE_31} configuration) decides every merge as before.
 */
public class KotakLuceneMessageSearchIndex extends LuceneMessageSearchIndex {
    // Field names and values of James 3.8.1's index format (LuceneMessageSearchIndex's private constants).
    static final String ID_FIELD = "id";
    static final String MAILBOX_ID_FIELD = "mailboxid";
    static final String UID_FIELD = "uid";
    static final String FLAGS_FIELD = "flags";
    private static final String FLAGS_ID_PREFIX = "flags-";
    /** James indexes no flags as one empty {@value #FLAGS_FIELD} value: its "not set" searches rely on it. */
    private static final String NO_FLAGS = "";

    // Assigned by createConfig, which James's constructor calls before this class's constructor body runs: it must
    // have no initializer, or the initializer would run after James's constructor and erase it.
    private WriterCapturingMergePolicy capturingPolicy;
    private final IndexWriter writer;

    @Inject
    public KotakLuceneMessageSearchIndex(MailboxSessionMapperFactory factory, MailboxId.Factory mailboxIdFactory,
                                         Directory directory, MessageId.Factory messageIdFactory,
                                         SessionProvider sessionProvider) throws IOException {
        super(factory, mailboxIdFactory, directory, messageIdFactory, sessionProvider);
        if (capturingPolicy == null || capturingPolicy.writer() == null) {
            throw new IllegalStateException("James's LuceneMessageSearchIndex did not build its IndexWriter from"
                + " createConfig: the flags update of " + getClass().getSimpleName() + " cannot reach it");
        }
        this.writer = capturingPolicy.writer();
    }

    @Override
    protected IndexWriterConfig createConfig(Analyzer analyzer, boolean dropIndexOnStart) {
        IndexWriterConfig config = super.createConfig(analyzer, dropIndexOnStart);
        capturingPolicy = new WriterCapturingMergePolicy(config.getMergePolicy());
        return config.setMergePolicy(capturingPolicy);
    }

    /**
     * Writes each message's flags document anew. Unlike James 3.8.1, which rewrites only a document its search
     * finds, this also writes one for a message the index no longer holds (an update that lost a race with the
     * message's expunge): no search returns it (searches return message documents, and flag searches only narrow
     * them), and the deletion of the mailbox removes it.
     */
    @Override
    public Mono<Void> update(MailboxSession session, MailboxId mailboxId, List<UpdatedFlags> updatedFlagsList) {
        return Mono.fromCallable(() -> {
            for (UpdatedFlags updatedFlags : updatedFlagsList) {
                Document document = flagsDocument(mailboxId, updatedFlags.getUid(), updatedFlags.getNewFlags());
                writer.updateDocument(new Term(ID_FIELD, document.get(ID_FIELD)), document);
            }
            return null;
        }).then();
    }

    /** The flags document of one message, as James 3.8.1 builds it when it indexes the message. */
    private static Document flagsDocument(MailboxId mailboxId, MessageUid uid, Flags flags) {
        String mailbox = mailboxId.serialize();
        Document document = new Document();
        document.add(new Field(ID_FIELD, FLAGS_ID_PREFIX + mailbox + "-" + uid.asLong(), Field.Store.YES, Field.Index.NOT_ANALYZED));
        document.add(new Field(MAILBOX_ID_FIELD, mailbox, Field.Store.YES, Field.Index.NOT_ANALYZED));
        document.add(new NumericField(UID_FIELD, Field.Store.YES, true).setLongValue(uid.asLong()));
        Flags.Flag[] systemFlags = flags.getSystemFlags();
        for (Flags.Flag flag : systemFlags) {
            document.add(new Field(FLAGS_FIELD, indexedName(flag), Field.Store.YES, Field.Index.NOT_ANALYZED));
        }
        String[] userFlags = flags.getUserFlags();
        for (String flag : userFlags) {
            document.add(new Field(FLAGS_FIELD, flag, Field.Store.YES, Field.Index.NOT_ANALYZED));
        }
        if (systemFlags.length == 0 && userFlags.length == 0) {
            document.add(new Field(FLAGS_FIELD, NO_FLAGS, Field.Store.NO, Field.Index.NOT_ANALYZED));
        }
        return document;
    }

    /**
     * James 3.8.1's name of a system flag in the index, which its searches look for. {@code \Seen} is indexed as
     * {@code \FLAG} there (James's quirk, consistent between its indexing and its searches), so it is here too.
     */
    private static String indexedName(Flags.Flag flag) {
        if (flag == Flags.Flag.ANSWERED) {
            return "\\ANSWERED";
        } else if (flag == Flags.Flag.DELETED) {
            return "\\DELETED";
        } else if (flag == Flags.Flag.DRAFT) {
            return "\\DRAFT";
        } else if (flag == Flags.Flag.FLAGGED) {
            return "\\FLAGGED";
        } else if (flag == Flags.Flag.RECENT) {
            return "\\RECENT";
        } else if (flag == Flags.Flag.SEEN) {
            return "\\FLAG";
        }
        return String.valueOf(flag);
    }

    /**
     * James's merge policy, unchanged, that also keeps the {@link IndexWriter} Lucene hands it when the writer is
     * built ({@code IndexWriter(Directory, IndexWriterConfig)} calls {@link #setIndexWriter} on the configured
     * policy).
     */
    static final class WriterCapturingMergePolicy extends MergePolicy {
        private final MergePolicy delegate;

        WriterCapturingMergePolicy(MergePolicy delegate) {
            this.delegate = delegate;
        }

        @Override
        public void setIndexWriter(IndexWriter writer) {
            super.setIndexWriter(writer);
            delegate.setIndexWriter(writer);
        }

        IndexWriter writer() {
            return writer.get();
        }

        @Override
        public MergeSpecification findMerges(SegmentInfos segmentInfos) throws IOException {
            return delegate.findMerges(segmentInfos);
        }

        @Override
        public MergeSpecification findForcedMerges(SegmentInfos segmentInfos, int maxSegmentCount,
                                                   Map<SegmentInfo, Boolean> segmentsToMerge) throws IOException {
            return delegate.findForcedMerges(segmentInfos, maxSegmentCount, segmentsToMerge);
        }

        @Override
        public MergeSpecification findForcedDeletesMerges(SegmentInfos segmentInfos) throws IOException {
            return delegate.findForcedDeletesMerges(segmentInfos);
        }

        @Override
        public boolean useCompoundFile(SegmentInfos segments, SegmentInfo newSegment) throws IOException {
            return delegate.useCompoundFile(segments, newSegment);
        }

        @Override
        public void close() {
            delegate.close();
        }

        @Override
        public String toString() {
            return "WriterCapturing(" + delegate + ")";
        }
    }
}
