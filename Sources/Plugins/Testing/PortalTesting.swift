// PortalTesting: in-memory fakes, a private PostgreSQL server and the conformance suites.
