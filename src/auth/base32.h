// Base32 (RFC 4648 section 6), the form authenticator apps take TOTP secrets in.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "base/expected.h"
#include "base/hex.h"

namespace viddhana::auth {

// Upper case; with '=' padding to a multiple of 8 unless pad is false (otpauth URIs omit it).
std::string base32_encode(std::span<const uint8_t> data, bool pad = true);

// Accepts upper or lower case, with correct padding or none. Refuses other characters,
// impossible lengths and non-zero trailing bits.
Expected<Bytes> base32_decode(std::string_view text);

}  // namespace viddhana::auth
