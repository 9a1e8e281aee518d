#ifndef INSTAGATE_CCURL_SHIM_H
#define INSTAGATE_CCURL_SHIM_H
#include <curl/curl.h>

/* curl_easy_setopt and curl_easy_getinfo are variadic: Swift cannot call them, so each argument
   type gets a small typed wrapper. */
typedef size_t (*instagate_curl_data_cb)(char *ptr, size_t size, size_t nmemb, void *userdata);
typedef int (*instagate_curl_xfer_cb)(void *clientp, curl_off_t dltotal, curl_off_t dlnow,
                                      curl_off_t ultotal, curl_off_t ulnow);

static inline CURLcode instagate_curl_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode instagate_curl_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode instagate_curl_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode instagate_curl_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode instagate_curl_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode instagate_curl_setopt_data_cb(CURL *h, CURLoption o, instagate_curl_data_cb v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode instagate_curl_setopt_xfer_cb(CURL *h, CURLoption o, instagate_curl_xfer_cb v) { return curl_easy_setopt(h, o, v); }

static inline CURLcode instagate_curl_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode instagate_curl_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode instagate_curl_getinfo_double(CURL *h, CURLINFO i, double *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode instagate_curl_getinfo_string(CURL *h, CURLINFO i, char **v) { return curl_easy_getinfo(h, i, v); }
#endif
