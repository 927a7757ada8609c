package org.complaints.support.feign;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.complaints.support.identity.CurrentCaller;
import org.slf4j.MDC;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The circuit breaker's time limiter runs each Feign call on another thread. This executor carries
 * the caller's identity, the current request and the log context (request id) over to that
 * thread, so the downstream call is made as the same caller with the same request id.
 */
public class ContextPropagatingExecutor extends AbstractExecutorService {

    private final ExecutorService delegate = Executors.newVirtualThreadPerTaskExecutor();

    @Override
    public void execute(Runnable task) {
        var background = CurrentCaller.background();
        var request = RequestContextHolder.getRequestAttributes();
        var logContext = MDC.getCopyOfContextMap();
        delegate.execute(() -> {
            RequestContextHolder.setRequestAttributes(request);
            if (logContext != null) {
                MDC.setContextMap(logContext);
            }
            try {
                if (background != null) {
                    CurrentCaller.runAs(background, task);
                } else {
                    task.run();
                }
            } finally {
                RequestContextHolder.resetRequestAttributes();
                MDC.clear();
            }
        });
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return delegate.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return delegate.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return delegate.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return delegate.awaitTermination(timeout, unit);
    }
}
