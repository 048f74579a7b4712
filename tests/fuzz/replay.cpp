// The replay driver: runs every file given (or every file of each directory given, in name order) through
// LLVMFuzzerTestOneInput once. Without libFuzzer, so that the normal and the ASan/UBSan builds replay each
// target's seed corpus (ctest's fuzz_replay_NAME). A target aborts when a property breaks; a missing or
// empty corpus fails here, so that a test can never pass by replaying nothing.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace {

namespace fs = std::filesystem;

// The files an argument names: itself, or the regular files directly in it; none when it has none.
bool inputsOf(const fs::path &arg, std::vector<fs::path> *files)
{
    std::error_code error;
    if (fs::is_regular_file(arg, error)) {
        files->push_back(arg);
        return true;
    }
    if (!fs::is_directory(arg, error)) {
        std::fprintf(stderr, "replay: %s: no such file or directory\n", arg.c_str());
        return false;
    }
    for (const fs::directory_entry &entry : fs::directory_iterator(arg, error)) {
        if (entry.is_regular_file(error))
            files->push_back(entry.path());
    }
    if (error) {
        std::fprintf(stderr, "replay: %s: %s\n", arg.c_str(), error.message().c_str());
        return false;
    }
    std::sort(files->begin(), files->end());
    if (files->empty()) {
        std::fprintf(stderr, "replay: %s: no inputs in it\n", arg.c_str());
        return false;
    }
    return true;
}

bool replay(const fs::path &file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "replay: %s: cannot be read\n", file.c_str());
        return false;
    }
    const std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    // A buffer of exactly the input's size (never a null pointer), so that ASan sees a read past its end.
    const auto input = std::make_unique<uint8_t[]>(bytes.size() + (bytes.empty() ? 1 : 0));
    std::copy(bytes.cbegin(), bytes.cend(), input.get());
    LLVMFuzzerTestOneInput(input.get(), bytes.size());
    return true;
}

}  // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s CORPUS-DIR-OR-FILE...\n", argv[0]);
        return 2;
    }
    std::size_t total = 0;
    for (int a = 1; a < argc; ++a) {
        std::vector<fs::path> files;
        if (!inputsOf(argv[a], &files))
            return 1;
        for (const fs::path &file : files) {
            if (!replay(file))
                return 1;
        }
        total += files.size();
        std::printf("replay: %s: %zu inputs\n", argv[a], files.size());
    }
    std::printf("replay: %zu inputs, no property broken\n", total);
    return 0;
}
