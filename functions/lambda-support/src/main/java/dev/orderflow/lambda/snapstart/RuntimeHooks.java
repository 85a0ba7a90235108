package dev.orderflow.lambda.snapstart;

import com.amazonaws.services.lambda.crac.Context;
import com.amazonaws.services.lambda.crac.Core;
import com.amazonaws.services.lambda.crac.Resource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The only class that touches the runtime client's CRaC API; loaded only where that API exists (see
 * {@link Priming}).
 */
final class RuntimeHooks {

    /** The context may hold resources weakly: these stay reachable until the checkpoint. */
    private static final List<Resource> REGISTERED = new CopyOnWriteArrayList<>();

    private RuntimeHooks() {}

    static void register(Runnable beforeCheckpoint) {
        Resource resource = new Resource() {
            @Override
            public void beforeCheckpoint(Context<? extends Resource> context) {
                beforeCheckpoint.run();
            }

            @Override
            public void afterRestore(Context<? extends Resource> context) {
                // nothing to renew: the DynamoDB client refreshes credentials itself, ids come from SecureRandom
            }
        };
        REGISTERED.add(resource);
        Core.getGlobalContext().register(resource);
    }
}
