// Captures the merged-mining vectors the unit tests replay (tests/data/merged): starts a dogecoind
// regtest node (VIDDHANA_DOGECOIND) and a litecoind regtest pair on loopback in temporary
// directories, runs the AuxPoW cases of tests/support/auxpow_recorder.h and writes the recording.
//
//   VIDDHANA_DOGECOIND=/path/to/dogecoind build/tests/capture_merged_vectors [output.json]
#include <cstdio>
#include <fstream>
#include <string>

#include "support/auxpow_recorder.h"
#include "support/dogecoin_regtest.h"
#include "support/regtest_pair.h"

int main(int argc, char** argv) {
    using namespace viddhana::test;
    const std::string output = argc > 1 ? argv[1]
                                        : std::string(VIDDHANA_SOURCE_DIR) +
                                              "/tests/data/merged/dogecoin_regtest_auxpow.json";
    auto binary = DogecoinRegtest::binary();
    if (!binary) {
        std::fprintf(stderr, "set VIDDHANA_DOGECOIND to a dogecoind binary (docs/testing.md)\n");
        return 2;
    }
    try {
        DogecoinRegtest dogecoin(*binary);
        RegtestPair litecoin;
        nlohmann::json recording = record_auxpow_cases(dogecoin, litecoin);
        std::ofstream out(output);
        out << recording.dump(1) << "\n";
        if (!out) {
            std::fprintf(stderr, "cannot write %s\n", output.c_str());
            return 1;
        }
        std::printf("%zu cases written to %s\n", recording.at("cases").size(), output.c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "capture failed: %s\n", e.what());
        return 1;
    }
    return 0;
}
