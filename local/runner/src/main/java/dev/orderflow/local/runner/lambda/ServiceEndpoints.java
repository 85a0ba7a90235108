package dev.orderflow.local.runner.lambda;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Where the processes of a service take invocations: the run folder's live replicas, or fixed addresses (containers). */
public interface ServiceEndpoints {

    /** The Invoke API of every process of the service believed to be up; empty when there is none. */
    List<URI> of(String service);

    /** The process at {@code endpoint} refused a connection: it is gone, or not yet up. */
    void refused(String service, URI endpoint);

    /**
     * Addresses given by name (containers: {@code http://inventory:9000}), each name resolved again at most every
     * {@code refresh} to all its addresses - Docker's DNS answers a scaled service's name with one address per replica -
     * so invocations are spread over the replicas and reach a new one soon; other services are found by {@code others}.
     */
    static ServiceEndpoints resolving(Map<String, URI> named, Duration refresh, ServiceEndpoints others) {
        Map<String, URI> copy = Map.copyOf(named);
        return new ServiceEndpoints() {
            private final Map<String, Cached> cache = new ConcurrentHashMap<>();

            @Override
            public List<URI> of(String service) {
                URI endpoint = copy.get(service);
                if (endpoint == null) {
                    return others.of(service);
                }
                long now = System.nanoTime();
                Cached cached = cache.get(service);
                if (cached == null || now - cached.at > refresh.toNanos() || cached.endpoints.isEmpty()) {
                    cached = new Cached(now, resolve(endpoint));
                    cache.put(service, cached);
                }
                return cached.endpoints;
            }

            @Override
            public void refused(String service, URI endpoint) {
                if (copy.containsKey(service)) {
                    cache.remove(service);
                } else {
                    others.refused(service, endpoint);
                }
            }
        };
    }

    private static List<URI> resolve(URI endpoint) {
        try {
            return Arrays.stream(InetAddress.getAllByName(endpoint.getHost()))
                    .map(address -> URI.create(
                            endpoint.getScheme() + "://" + address.getHostAddress() + ":" + endpoint.getPort()))
                    .toList();
        } catch (UnknownHostException e) {
            // no replica of the service is up (Docker's DNS knows a name only while a container has it)
            return List.of();
        }
    }

    /** A service's endpoints as last read. */
    public record Cached(long at, List<URI> endpoints) {}
}
