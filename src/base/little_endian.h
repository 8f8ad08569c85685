// Little-endian integers at a fixed place in a byte buffer: block headers, spool headers. The
// byte reader and writer (byte_reader.h, byte_writer.h) use the same two functions.
#pragma once
#include <bit>
#include <concepts>
#include <cstdint>
#include <cstring>

namespace viddhana {

template <std::unsigned_integral T>
inline void store_le(uint8_t* out, T value) {
    if constexpr (std::endian::native == std::endian::little) {
        std::memcpy(out, &value, sizeof(T));
    } else {
        for (size_t i = 0; i < sizeof(T); ++i)
            out[i] = static_cast<uint8_t>(value >> (8 * i));
    }
}

template <std::unsigned_integral T>
inline T load_le(const uint8_t* in) {
    T value = 0;
    if constexpr (std::endian::native == std::endian::little) {
        std::memcpy(&value, in, sizeof(T));
    } else {
        for (size_t i = 0; i < sizeof(T); ++i)
            value |= static_cast<T>(in[i]) << (8 * i);
    }
    return value;
}

}  // namespace viddhana
