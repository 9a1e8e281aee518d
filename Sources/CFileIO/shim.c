/* The only C file of CFileIO: compiled with _GNU_SOURCE so that <fcntl.h> declares the calls below. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>
#include "CFileIO.h"

int instagate_fallocate_keep_size(int fd, int64_t offset, int64_t length) {
    return fallocate(fd, FALLOC_FL_KEEP_SIZE, (off_t)offset, (off_t)length);
}

int instagate_fallocate_punch_hole(int fd, int64_t offset, int64_t length) {
    return fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, (off_t)offset, (off_t)length);
}

int instagate_sync_file_range_write(int fd, int64_t offset, int64_t count) {
    return sync_file_range(fd, (off_t)offset, (off_t)count, SYNC_FILE_RANGE_WRITE);
}

int instagate_syncfs(int fd) {
    return syncfs(fd);
}

uint32_t instagate_crc32(uint32_t crc, const void *bytes, uint64_t length) {
    /* zlib takes an unsigned int length: large buffers in steps of 1 GiB. */
    const unsigned char *next = bytes;
    uLong value = crc;
    while (length > 0) {
        unsigned int step = length > (1u << 30) ? (1u << 30) : (unsigned int)length;
        value = crc32(value, next, step);
        next += step;
        length -= step;
    }
    return (uint32_t)value;
}
