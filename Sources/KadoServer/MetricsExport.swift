import Metrics
import Prometheus

/// The process's metrics backend: swift-metrics bootstrapped once with
/// swift-prometheus, so everything the engine counts (``KadoMetrics``) is in this
/// registry and `/metrics` renders it in the Prometheus text format.
package enum MetricsExport {
    /// The registry; the first use bootstraps swift-metrics (once per process).
    package static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()
}
