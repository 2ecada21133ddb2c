#pragma once

// A command's options declared once: the table renders the options part of its --help (in the
// column layout packaging/help-to-man.awk turns into the man page), gives Args its allow-list
// and the resume allow-list, and bash completion is generated from every command's table
// (`transferlab-cli completion bash`, installed by the package).

#include <string>
#include <vector>

namespace tl::cli {

class Args;

// What bash offers for an option's value.
enum class Values {
    None,   // nothing to offer
    Files,  // file and folder names
    Models, // transferlab-cli models
    Datasets,
    Recipes,
    Words,        // the option's `words`
    WordsOrFiles, // the option's `words`, or a file name
};

struct Option
{
    enum class Kind {
        Flag,    // --name
        Valued,  // --name ARG
        Heading, // a line at column 0 ("Data:")
        Text,    // lines of the help as written
    };
    // Allowed beside --resume (which continues a run as it was configured).
    static constexpr unsigned kResume = 1;
    // Accepted but neither shown nor completed (an old spelling).
    static constexpr unsigned kHidden = 2;
    // Named in the help's usage line rather than in its list (completed).
    static constexpr unsigned kUsageOnly = 4;

    Kind kind = Kind::Flag;
    std::string name; // without the dashes; Heading/Text: the text
    std::string arg;  // Valued: "N", "FILE"
    std::string help; // lines separated by '\n', shown in the column
    Values values = Values::None;
    std::string words; // Values::Words: "sgd adam adamw rmsprop"
    unsigned flags = 0;
};

Option flag(std::string name, std::string help, unsigned flags = 0);
Option valued(std::string name, std::string arg, std::string help, Values values = Values::None,
              std::string words = {}, unsigned flags = 0);
Option heading(std::string text);
Option text(std::string lines);

using Options = std::vector<Option>;

// The options part of a --help: headings, text, and "  --name ARG" with its help in the
// column 24 (continuation lines indented to it). Hidden options are left out.
std::string renderOptions(const Options &options);
// The options of a help text written by hand: each line "  --name ARG   help" (or
// "  [--name] ARG") declares one, and `extra` adds those its prose names (kUsageOnly). For the
// commands whose help is one text: their options are listed there once.
Options optionsFromHelp(const std::string &help, const Options &extra = {});
// Args::allow from the table, --help included.
void allow(Args &args, const Options &options);
// The names allowed beside --resume.
std::vector<std::string> resumeOptions(const Options &options);

// One command: its name and its options (the registry bash completion is made from).
struct CommandOptions
{
    std::string command;
    Options options;
    // Words completed as the command's first argument ("list download verify inspect").
    std::string subcommands;
};
// Every command's options (options.cpp asks each command file for its table).
std::vector<CommandOptions> allCommandOptions();

// The bash completion script of transferlab-cli: commands, each command's options, and the
// values of those that take models, datasets, recipes, files or fixed words.
std::string bashCompletion(const std::vector<CommandOptions> &commands,
                           const std::vector<std::string> &models,
                           const std::vector<std::string> &datasets,
                           const std::vector<std::string> &recipes);

} // namespace tl::cli
