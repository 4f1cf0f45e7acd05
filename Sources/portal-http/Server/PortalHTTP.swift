// PortalHTTP: the Hummingbird 2 server: JSON API, probes, metrics.
