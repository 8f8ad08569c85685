// CRC-32 (IEEE 802.3, as zlib and PNG compute it): the spool files' record checks.
// crc32("123456789") == 0xCBF43926; crc32(b, crc32(a)) == crc32(a followed by b).
#pragma once
#include <cstdint>
#include <span>
#include <string_view>

namespace viddhana {

uint32_t crc32(std::span<const uint8_t> data, uint32_t crc = 0);
uint32_t crc32(std::string_view data, uint32_t crc = 0);

}  // namespace viddhana
