// PortalCurl: the HTTP and SMTP transport ports over libcurl.
