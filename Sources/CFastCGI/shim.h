#ifndef INSTAGATE_CFASTCGI_SHIM_H
#define INSTAGATE_CFASTCGI_SHIM_H
#include <fcgiapp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <signal.h>
#include <pthread.h>

/// The i-th "NAME=VALUE" entry of a request's environment, or NULL past the end.
static inline const char *instagate_fcgx_env(const FCGX_Request *request, int i) {
    return request->envp ? request->envp[i] : 0;
}
/// The request's input stream (stdin of the FastCGI record stream).
static inline FCGX_Stream *instagate_fcgx_in(const FCGX_Request *request) { return request->in; }
/// The request's output stream (stdout of the FastCGI record stream).
static inline FCGX_Stream *instagate_fcgx_out(const FCGX_Request *request) { return request->out; }
#endif
