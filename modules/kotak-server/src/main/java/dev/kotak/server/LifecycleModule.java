package dev.kotak.server;

import org.apache.james.utils.GuiceProbe;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;

import dev.kotak.server.recovery.CrashRecovery;

/** Makes {@link LifecycleProbe} reachable from {@link KotakServer} once the injector exists. */
class LifecycleModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(CrashRecovery.class);
        Multibinder.newSetBinder(binder(), GuiceProbe.class).addBinding().to(LifecycleProbe.class);
    }
}
