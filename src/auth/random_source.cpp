#include "auth/random_source.h"

#include <openssl/rand.h>

#include <climits>
#include <stdexcept>

namespace viddhana::auth {

void OpenSslRandomSource::fill(std::span<uint8_t> out) {
    size_t done = 0;
    while (done < out.size()) {
        size_t chunk = std::min<size_t>(out.size() - done, INT_MAX);
        if (RAND_bytes(out.data() + done, static_cast<int>(chunk)) != 1) {
            throw std::runtime_error("OpenSSL RAND_bytes failed: no secure randomness available");
        }
        done += chunk;
    }
}

}  // namespace viddhana::auth
