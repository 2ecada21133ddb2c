#include "options.h"

#include "args.h"

#include <algorithm>
#include <map>
#include <sstream>

namespace tl::cli {

namespace {

// The column option texts start in (as every help was written for an 80-column terminal).
constexpr std::size_t kColumn = 24;

std::vector<std::string> lines(const std::string &s)
{
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string line; std::getline(in, line);)
        out.push_back(line);
    return out;
}

std::string tagOf(const Option &o)
{
    return "  --" + o.name + (o.kind == Option::Kind::Valued ? " " + o.arg : std::string());
}

} // namespace

Option flag(std::string name, std::string help, unsigned flags)
{
    Option o;
    o.kind = Option::Kind::Flag;
    o.name = std::move(name);
    o.help = std::move(help);
    o.flags = flags;
    return o;
}

Option valued(std::string name, std::string arg, std::string help, Values values, std::string words,
              unsigned flags)
{
    Option o;
    o.kind = Option::Kind::Valued;
    o.name = std::move(name);
    o.arg = std::move(arg);
    o.help = std::move(help);
    o.values = values;
    o.words = std::move(words);
    o.flags = flags;
    return o;
}

Option heading(std::string text)
{
    Option o;
    o.kind = Option::Kind::Heading;
    o.name = std::move(text);
    return o;
}

Option text(std::string lines)
{
    Option o;
    o.kind = Option::Kind::Text;
    o.name = std::move(lines);
    return o;
}

std::string renderOptions(const Options &options)
{
    std::string out;
    for (const Option &o : options) {
        if (o.kind == Option::Kind::Heading || o.kind == Option::Kind::Text) {
            out += o.name + "\n";
            continue;
        }
        if (o.flags & (Option::kHidden | Option::kUsageOnly))
            continue;
        std::string line = tagOf(o);
        const auto help = lines(o.help);
        for (std::size_t i = 0; i < help.size(); ++i) {
            if (i == 0)
                line.append(line.size() + 2 <= kColumn ? kColumn - line.size() : 2, ' ');
            else
                line = std::string(kColumn, ' ');
            out += line + help[i] + "\n";
        }
        if (help.empty())
            out += line + "\n";
    }
    return out;
}

Options optionsFromHelp(const std::string &help, const Options &extra)
{
    Options out;
    for (const std::string &line : lines(help)) {
        // "  --name ARG   text", "  [--name] ARG   text": the tag ends at two spaces.
        const std::size_t start = line.find_first_not_of(' ');
        if (start == std::string::npos || start == 0 || start > 6)
            continue;
        std::string tag = line.substr(start, line.find("  ", start) - start);
        const bool optional = tag.rfind("[--", 0) == 0;
        if (tag.rfind("--", 0) != 0 && !optional)
            continue;
        tag.erase(0, optional ? 3 : 2);
        const std::size_t end = tag.find_first_of(" ]=");
        const std::string name = tag.substr(0, end);
        std::string rest = end == std::string::npos ? std::string() : tag.substr(end);
        rest.erase(0, rest.find_first_not_of(" ]="));
        if (name.empty() ||
            std::any_of(out.begin(), out.end(), [&](const Option &o) { return o.name == name; }))
            continue;
        out.push_back(rest.empty() ? flag(name, {}) : valued(name, rest, {}));
    }
    out.insert(out.end(), extra.begin(), extra.end());
    return out;
}

void allow(Args &args, const Options &options)
{
    std::vector<std::string> valuedNames, flagNames = {"help"};
    for (const Option &o : options) {
        if (o.kind == Option::Kind::Valued)
            valuedNames.push_back(o.name);
        else if (o.kind == Option::Kind::Flag)
            flagNames.push_back(o.name);
    }
    args.allow(valuedNames, flagNames);
}

std::vector<std::string> resumeOptions(const Options &options)
{
    std::vector<std::string> out;
    for (const Option &o : options)
        if ((o.kind == Option::Kind::Valued || o.kind == Option::Kind::Flag) &&
            (o.flags & Option::kResume))
            out.push_back(o.name);
    return out;
}

namespace {

std::string joined(const std::vector<std::string> &words)
{
    std::string out;
    for (const auto &w : words)
        out += (out.empty() ? "" : " ") + w;
    return out;
}

const char *kCompletionFunction = R"(_transferlab_cli()
{
    local cur prev cmd
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "$_tl_commands --help --version" -- "$cur"))
        return
    fi
    cmd=${COMP_WORDS[1]}
    local values
    values=$(_tl_values "$cmd" "$prev")
    case $values in
        @files) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        @files\ *) COMPREPLY=($(compgen -W "${values#@files }" -- "$cur") $(compgen -f -- "$cur")); return ;;
        ?*) COMPREPLY=($(compgen -W "$values" -- "$cur")); return ;;
    esac
    if [ "$COMP_CWORD" -eq 2 ]; then
        local subs="_tl_subcommands_${cmd//-/_}"
        COMPREPLY=($(compgen -W "${!subs}" -- "$cur"))
    elif [ "$cmd" = weights ] && [ "$COMP_CWORD" -eq 3 ] && [ "$prev" = download ]; then
        COMPREPLY=($(compgen -W "$_tl_models" -- "$cur"))
    fi
    if [[ $cur == -* ]]; then
        local var="_tl_opts_${cmd//-/_}"
        COMPREPLY=($(compgen -W "${!var} --help" -- "$cur"))
    elif [ ${#COMPREPLY[@]} -eq 0 ]; then
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}
complete -o filenames -F _transferlab_cli transferlab-cli
)";

} // namespace

std::string bashCompletion(const std::vector<CommandOptions> &commands,
                           const std::vector<std::string> &models,
                           const std::vector<std::string> &datasets,
                           const std::vector<std::string> &recipes)
{
    std::ostringstream s;
    s << "# bash completion for transferlab-cli, generated by `transferlab-cli completion bash`\n"
         "# from its table of options (app/cli/options.h): commands, each command's options, and\n"
         "# the model, recipe and dataset names.\n";
    std::vector<std::string> names;
    for (const auto &c : commands)
        names.push_back(c.command);
    s << "_tl_commands='" << joined(names) << "'\n";
    s << "_tl_models='" << joined(models) << "'\n";
    s << "_tl_datasets='" << joined(datasets) << "'\n";
    s << "_tl_recipes='" << joined(recipes) << "'\n";
    // "COMMAND --option" -> what its value completes to.
    std::map<std::string, std::vector<std::string>> byValues;
    for (const auto &c : commands) {
        std::vector<std::string> opts;
        for (const Option &o : c.options) {
            if (o.kind != Option::Kind::Valued && o.kind != Option::Kind::Flag)
                continue;
            if (!(o.flags & Option::kHidden))
                opts.push_back("--" + o.name);
            std::string v;
            switch (o.values) {
            case Values::None:
                break;
            case Values::Files:
                v = "@files";
                break;
            case Values::Models:
                v = "$_tl_models";
                break;
            case Values::Datasets:
                v = "$_tl_datasets";
                break;
            case Values::Recipes:
                v = "$_tl_recipes";
                break;
            case Values::Words:
                v = o.words;
                break;
            case Values::WordsOrFiles:
                v = "@files " + o.words;
                break;
            }
            if (!v.empty())
                byValues[v].push_back(c.command + ":--" + o.name);
        }
        std::string var = c.command;
        std::replace(var.begin(), var.end(), '-', '_');
        s << "_tl_opts_" << var << "='" << joined(opts) << "'\n";
        if (!c.subcommands.empty())
            s << "_tl_subcommands_" << var << "='" << c.subcommands << "'\n";
    }
    s << "_tl_values()\n{\n    case \"$1:$2\" in\n";
    for (const auto &[values, patterns] : byValues) {
        s << "        ";
        for (std::size_t i = 0; i < patterns.size(); ++i)
            s << (i ? "|" : "") << patterns[i];
        s << ") echo \"" << values << "\" ;;\n";
    }
    s << "    esac\n}\n" << kCompletionFunction;
    return s.str();
}

} // namespace tl::cli
