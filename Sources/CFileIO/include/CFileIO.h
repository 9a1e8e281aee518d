#ifndef INSTAGATE_CFILEIO_H
#define INSTAGATE_CFILEIO_H
/* Linux file calls that glibc declares only for _GNU_SOURCE, which the Swift Glibc module is built without.
   Defining _GNU_SOURCE in a header Swift imports would change shared system types (fd_set) between modules,
   so, as swift-nio's CNIOLinux does, the calls are wrapped in shim.c (compiled with _GNU_SOURCE) and this
   header declares the wrappers with plain types only. */
#include <stdint.h>

/* fallocate(2) with FALLOC_FL_KEEP_SIZE: reserves blocks without changing the file's size; -1 and errno on failure. */
int instagate_fallocate_keep_size(int fd, int64_t offset, int64_t length);

/* fallocate(2) with FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE: gives blocks back; -1 and errno on failure. */
int instagate_fallocate_punch_hole(int fd, int64_t offset, int64_t length);

/* sync_file_range(2) with SYNC_FILE_RANGE_WRITE: starts writeback of the range without waiting; -1 and errno on failure. */
int instagate_sync_file_range_write(int fd, int64_t offset, int64_t count);

/* syncfs(2): writes every dirty page and inode of the filesystem holding `fd` and flushes the disk's cache once;
   -1 and errno on failure. */
int instagate_syncfs(int fd);

/* zlib's crc32(3) (the ZIP CRC-32), continued from `crc` over `length` bytes; 0 starts a new one. */
uint32_t instagate_crc32(uint32_t crc, const void *bytes, uint64_t length);

#endif
