#include "evm/abi_decoder.h"

#include <algorithm>

namespace viddhana::evm {

Expected<Word> AbiDecoder::word(size_t index) const {
    if (data_.size() / 32 <= index) {
        return make_error("ABI data has " + std::to_string(data_.size()) + " bytes, word " +
                          std::to_string(index) + " is missing");
    }
    Word w{};
    std::copy_n(data_.begin() + static_cast<std::ptrdiff_t>(index * 32), 32, w.begin());
    return w;
}

Expected<Uint128> AbiDecoder::uint_at(size_t index, int bits) const {
    auto w = word(index);
    if (!w) return w.error();
    auto value = word_to_uint(*w, bits);
    if (!value)
        return make_error("ABI word " + std::to_string(index) + ": " + value.error().message);
    return *value;
}

Expected<uint64_t> AbiDecoder::uint64_at(size_t index) const {
    auto v = uint_at(index, 64);
    if (!v) return v.error();
    return static_cast<uint64_t>(*v);
}

Expected<uint32_t> AbiDecoder::uint32_at(size_t index) const {
    auto v = uint_at(index, 32);
    if (!v) return v.error();
    return static_cast<uint32_t>(*v);
}

Expected<bool> AbiDecoder::bool_at(size_t index) const {
    auto v = uint_at(index, 8);
    if (!v) return v.error();
    if (*v > 1) return make_error("ABI word " + std::to_string(index) + " is not a boolean");
    return *v == 1;
}

Expected<auth::EthAddress> AbiDecoder::address_at(size_t index) const {
    auto w = word(index);
    if (!w) return w.error();
    if (!std::all_of(w->begin(), w->begin() + 12, [](uint8_t b) { return b == 0; })) {
        return make_error("ABI word " + std::to_string(index) + " is not an address");
    }
    auth::EthAddress::Bytes20 bytes{};
    std::copy(w->begin() + 12, w->end(), bytes.begin());
    return auth::EthAddress(bytes);
}

Expected<Bytes16> AbiDecoder::bytes16_at(size_t index) const {
    auto w = word(index);
    if (!w) return w.error();
    if (!std::all_of(w->begin() + 16, w->end(), [](uint8_t b) { return b == 0; })) {
        return make_error("ABI word " + std::to_string(index) + " is not a bytes16");
    }
    Bytes16 out{};
    std::copy_n(w->begin(), 16, out.begin());
    return out;
}

Expected<Bytes> AbiDecoder::bytes_at(size_t index) const {
    auto offset = uint_at(index, 64);
    if (!offset) return offset.error();
    if (*offset % 32 != 0 || *offset + 32 > data_.size()) {
        return make_error("ABI word " + std::to_string(index) + " has a bad offset");
    }
    auto length = AbiDecoder(std::span(data_).subspan(static_cast<size_t>(*offset))).uint64_at(0);
    if (!length) return length.error();
    size_t start = static_cast<size_t>(*offset) + 32;
    if (*length > data_.size() - start) {
        return make_error("ABI word " + std::to_string(index) + " has a length past the data");
    }
    return Bytes(data_.begin() + static_cast<std::ptrdiff_t>(start),
                 data_.begin() + static_cast<std::ptrdiff_t>(start + *length));
}

Expected<std::string> AbiDecoder::string_at(size_t index) const {
    auto bytes = bytes_at(index);
    if (!bytes) return bytes.error();
    return std::string(bytes->begin(), bytes->end());
}

}  // namespace viddhana::evm
