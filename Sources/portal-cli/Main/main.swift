import Logging
import PortalCLI

// The `portal-cli` executable: logs go to standard error so standard output stays clean for --json.
LoggingSystem.bootstrap(StreamLogHandler.standardError)
await PortalCommand.runFromCommandLine()
