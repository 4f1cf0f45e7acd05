#pragma once
#include <curl/curl.h>

// Typed wrappers for libcurl's variadic entry points, which Swift cannot call directly.
// Each wrapper fixes the type of the trailing argument so the compiler checks it on both sides.

/// `curl_global_init(CURL_GLOBAL_DEFAULT)`; the flag is a compound macro Swift does not import.
static inline CURLcode ccurl_global_init_default(void) {
    return curl_global_init(CURL_GLOBAL_DEFAULT);
}

/// Sets an option whose argument is a `long` (flags, counts, milliseconds).
static inline CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

/// Sets an option whose argument is a `curl_off_t` (the `_LARGE` options).
static inline CURLcode ccurl_setopt_off(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

/// Sets an option whose argument is a NUL-terminated string (libcurl copies it).
static inline CURLcode ccurl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

/// Sets an option whose argument is an untyped pointer that libcurl does NOT copy
/// (`CURLOPT_POSTFIELDS`, the `*DATA` callback contexts, `CURLOPT_ERRORBUFFER`).
static inline CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

/// Sets an option whose argument is a `curl_slist` (`CURLOPT_HTTPHEADER`, `CURLOPT_MAIL_RCPT`).
static inline CURLcode ccurl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *list) {
    return curl_easy_setopt(handle, option, list);
}

/// Sets `CURLOPT_WRITEFUNCTION` (response body).
static inline CURLcode ccurl_setopt_write_function(CURL *handle, curl_write_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
}

/// Sets `CURLOPT_HEADERFUNCTION` (one call per response header line, status lines included).
static inline CURLcode ccurl_setopt_header_function(CURL *handle, curl_write_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, callback);
}

/// Sets `CURLOPT_READFUNCTION` (upload body, e.g. an SMTP message).
static inline CURLcode ccurl_setopt_read_function(CURL *handle, curl_read_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_READFUNCTION, callback);
}

/// Sets `CURLOPT_XFERINFOFUNCTION` (progress; a non-zero return aborts the transfer).
static inline CURLcode ccurl_setopt_xferinfo_function(CURL *handle, curl_xferinfo_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback);
}

/// Reads an information item whose value is a `long` (`CURLINFO_RESPONSE_CODE`).
static inline CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}
