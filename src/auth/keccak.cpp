#include "auth/keccak.h"

#include <crypto++/keccak.h>

namespace viddhana::auth {

Hash256 keccak256(std::span<const uint8_t> data) {
    CryptoPP::Keccak_256 hash;
    hash.Update(data.data(), data.size());
    Hash256 out{};
    hash.Final(out.data());
    return out;
}

Hash256 keccak256(std::string_view data) {
    return keccak256(
        std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(data.data()), data.size()));
}

}  // namespace viddhana::auth
