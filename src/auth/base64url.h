// Base64url (RFC 4648 section 5) without padding, as JWTs and refresh tokens use it; and the
// standard padded alphabet (section 4) that coin nodes' signmessage answers in.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "base/expected.h"
#include "base/hex.h"

namespace viddhana::auth {

std::string base64url_encode(std::span<const uint8_t> data);
std::string base64url_encode(std::string_view data);

// Strict: only A-Z a-z 0-9 - _, no padding, no whitespace, and unused trailing bits zero (so
// each byte string has exactly one encoding).
Expected<Bytes> base64url_decode(std::string_view text);

// Standard alphabet (+ and /), '=' padding to a multiple of 4 required.
Expected<Bytes> base64_decode(std::string_view text);

}  // namespace viddhana::auth
