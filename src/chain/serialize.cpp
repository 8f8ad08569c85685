#include "chain/serialize.h"

namespace viddhana::chain {

// Bitcoin Core's CScript::push_int64 (what `CScript() << nHeight` emits, and what the BIP34 check
// compares the coinbase against): OP_0 for 0, OP_1NEGATE / OP_1..OP_16 for -1 and 1..16, else a
// push of the minimal little-endian sign-magnitude encoding (CScriptNum).
void append_script_number(Bytes& script, int64_t n) {
    if (n == 0) {
        script.push_back(0x00);  // OP_0
        return;
    }
    if (n == -1 || (n >= 1 && n <= 16)) {
        script.push_back(static_cast<uint8_t>(n + 0x50));  // OP_1NEGATE (0x4f), OP_1 (0x51)...
        return;
    }
    bool negative = n < 0;
    uint64_t magnitude = negative ? ~static_cast<uint64_t>(n) + 1 : static_cast<uint64_t>(n);
    uint8_t encoded[9];
    size_t len = 0;
    while (magnitude != 0) {
        encoded[len++] = static_cast<uint8_t>(magnitude & 0xff);
        magnitude >>= 8;
    }
    // The top bit of the last byte is the sign: add a byte when the magnitude uses it.
    if (encoded[len - 1] & 0x80) {
        encoded[len++] = negative ? 0x80 : 0x00;
    } else if (negative) {
        encoded[len - 1] |= 0x80;
    }
    append_script_push(script, std::span<const uint8_t>(encoded, len));
}

// CScript's operator<< for data: direct push up to 75 bytes, then PUSHDATA1/2/4.
void append_script_push(Bytes& script, std::span<const uint8_t> data) {
    size_t n = data.size();
    if (n < 0x4c) {
        script.push_back(static_cast<uint8_t>(n));
    } else if (n <= 0xff) {
        script.push_back(0x4c);
        script.push_back(static_cast<uint8_t>(n));
    } else if (n <= 0xffff) {
        script.push_back(0x4d);
        script.push_back(static_cast<uint8_t>(n));
        script.push_back(static_cast<uint8_t>(n >> 8));
    } else {
        script.push_back(0x4e);
        for (int i = 0; i < 4; ++i)
            script.push_back(static_cast<uint8_t>(n >> (8 * i)));
    }
    script.insert(script.end(), data.begin(), data.end());
}

}  // namespace viddhana::chain
