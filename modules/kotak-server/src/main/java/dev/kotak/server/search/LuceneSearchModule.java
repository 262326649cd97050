package dev.kotak.server.search;

import java.io.File;
import java.io.IOException;

import javax.inject.Singleton;

import org.apache.james.events.EventListener;
import org.apache.james.filesystem.api.JamesDirectoriesProvider;
import org.apache.james.mailbox.lucene.search.LuceneMessageSearchIndex;
import org.apache.james.mailbox.store.search.ListeningMessageSearchIndex;
import org.apache.james.mailbox.store.search.MessageSearchIndex;
import org.apache.james.modules.mailbox.ReIndexingTaskSerializationModule;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;

/**
 * IMAP SEARCH backed by a Lucene index under {@code var/store/lucene}, kept up to date by a mailbox event
 * listener ({@link KotakLuceneMessageSearchIndex}: James's, with a flags update that does not search), and committed
 * to disk by {@link SearchIndexCommitter}.
 */
public class LuceneSearchModule extends AbstractModule {
    static final String INDEX_DIRECTORY = "store/lucene";

    @Override
    protected void configure() {
        install(new ReIndexingTaskSerializationModule());

        // James's index with a cheap flags update (see KotakLuceneMessageSearchIndex): one instance, the one
        // IndexWriter of the index directory, whichever type it is asked for by.
        bind(KotakLuceneMessageSearchIndex.class).in(Scopes.SINGLETON);
        bind(LuceneMessageSearchIndex.class).to(KotakLuceneMessageSearchIndex.class);
        bind(MessageSearchIndex.class).to(KotakLuceneMessageSearchIndex.class);
        bind(ListeningMessageSearchIndex.class).to(KotakLuceneMessageSearchIndex.class);
        Multibinder.newSetBinder(binder(), EventListener.ReactiveGroupEventListener.class)
            .addBinding().to(KotakLuceneMessageSearchIndex.class);

        bind(SearchIndexCommitter.class).in(Scopes.SINGLETON);
    }

    @Provides
    @Singleton
    Directory indexDirectory(JamesDirectoriesProvider directories) throws IOException {
        File location = new File(directories.getVarDirectory(), INDEX_DIRECTORY);
        if (!location.isDirectory() && !location.mkdirs()) {
            throw new IOException("Cannot create the search index directory " + location);
        }
        return FSDirectory.open(location);
    }

    @ProvidesIntoSet
    InitializationOperation startCommitter(SearchIndexCommitter committer) {
        return InitilizationOperationBuilder.forClass(SearchIndexCommitter.class).init(committer::start);
    }
}
