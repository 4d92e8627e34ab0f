package busmanager.testing;

import busmanager.testing.ApiServer.Res;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Sends n requests at the same instant from n threads and returns the answers in request order. */
public final class Concurrently {
    private Concurrently() {
    }

    @FunctionalInterface
    public interface Call {
        Res send(int index) throws Exception;
    }

    public static List<Res> send(int n, Call call) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Res>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.send(index);
                }));
            }
            go.countDown();
            List<Res> answers = new ArrayList<>();
            for (Future<Res> f : futures) {
                answers.add(f.get(2, TimeUnit.MINUTES));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
