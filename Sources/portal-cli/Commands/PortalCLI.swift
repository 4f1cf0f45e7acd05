// PortalCLI: the operator command line.
