// Reading another process's CPU time and resident memory from /proc, and the machine's.
#pragma once
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

namespace stratum_load {

// utime + stime of a process, in seconds (/proc/<pid>/stat fields 14 and 15).
inline double process_cpu_seconds(int pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto close = text.rfind(')');
    if (close == std::string::npos) return -1;
    std::istringstream fields(text.substr(close + 2));
    std::vector<std::string> f;
    for (std::string s; fields >> s;)
        f.push_back(s);
    if (f.size() < 13) return -1;
    // f[0] is field 3 (state): utime is field 14, stime field 15.
    double ticks = std::stod(f[11]) + std::stod(f[12]);
    return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// VmRSS of a process in bytes.
inline int64_t process_rss_bytes(int pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("VmRSS:", 0) == 0) {
            std::istringstream s(line.substr(6));
            int64_t kb = 0;
            s >> kb;
            return kb * 1024;
        }
    }
    return -1;
}

// Busy and total jiffies of the whole machine (/proc/stat "cpu" line).
struct MachineCpu {
    double busy = 0;
    double total = 0;
};
inline MachineCpu machine_cpu() {
    std::ifstream in("/proc/stat");
    std::string cpu;
    in >> cpu;
    MachineCpu m;
    double v;
    for (int i = 0; i < 8 && in >> v; ++i) {
        m.total += v;
        if (i != 3 && i != 4) m.busy += v;  // idle and iowait are not busy
    }
    return m;
}

}  // namespace stratum_load
