// PortalAssembly: configuration -> kernel with the configured plugins; used by both executables.
