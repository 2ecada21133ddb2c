#include "data/augment_options.h"

#include "base/error.h"

#include <sstream>

namespace tl::data {

namespace {

double number(const std::string &item, const std::string &value)
{
    try {
        std::size_t used = 0;
        const double v = std::stod(value, &used);
        if (used != value.size() || v < 0)
            throw std::invalid_argument("");
        return v;
    } catch (const std::exception &) {
        throw Error("augmentation '" + item + "': expected a non-negative number, got '" + value +
                    "'");
    }
}

std::string num(double v)
{
    std::ostringstream s;
    s << v;
    return s.str();
}

} // namespace

AugmentOptions AugmentOptions::parse(const std::string &list)
{
    AugmentOptions a;
    std::stringstream ss(list);
    std::string item;
    while (std::getline(ss, item, ',')) {
        while (!item.empty() && item.front() == ' ')
            item.erase(item.begin());
        while (!item.empty() && item.back() == ' ')
            item.pop_back();
        if (item.empty() || item == "none")
            continue;
        const auto eq = item.find('=');
        const std::string key = item.substr(0, eq);
        const bool hasValue = eq != std::string::npos;
        const std::string value = hasValue ? item.substr(eq + 1) : "";
        auto need = [&](double fallback) { return hasValue ? number(key, value) : fallback; };
        if (key == "hflip" || key == "flip")
            a.hflip = true;
        else if (key == "vflip")
            a.vflip = true;
        else if (key == "rotation" || key == "rotate")
            a.rotation = need(15);
        else if (key == "zoom")
            a.zoom = need(0.1);
        else if (key == "translate" || key == "shift")
            a.translate = need(0.1);
        else if (key == "brightness")
            a.brightness = need(0.2);
        else if (key == "contrast")
            a.contrast = need(0.2);
        else if (key == "cutout")
            a.cutout = static_cast<int>(need(8));
        else if (key == "autoaugment")
            a.autoAugment = true;
        else
            throw Error("unknown augmentation '" + key +
                        "' (known: hflip, vflip, rotation=DEG, zoom=F, translate=F, "
                        "brightness=F, contrast=F, cutout=PX, autoaugment)");
        if (a.zoom >= 1.0)
            throw Error("augmentation 'zoom' must be below 1, got " + value);
    }
    return a;
}

std::string AugmentOptions::toString() const
{
    std::ostringstream s;
    auto add = [&](const std::string &v) { s << (s.tellp() > 0 ? "," : "") << v; };
    if (hflip)
        add("hflip");
    if (vflip)
        add("vflip");
    if (rotation > 0)
        add("rotation=" + num(rotation));
    if (zoom > 0)
        add("zoom=" + num(zoom));
    if (translate > 0)
        add("translate=" + num(translate));
    if (brightness > 0)
        add("brightness=" + num(brightness));
    if (contrast > 0)
        add("contrast=" + num(contrast));
    if (cutout > 0)
        add("cutout=" + std::to_string(cutout));
    if (autoAugment)
        add("autoaugment");
    return s.str();
}

std::string normalizationName(Normalization n)
{
    switch (n) {
    case Normalization::Auto:
        return "auto";
    case Normalization::Dataset:
        return "dataset";
    case Normalization::ImageNet:
        return "imagenet";
    case Normalization::None:
        return "none";
    case Normalization::Custom:
        return "custom";
    }
    return "dataset";
}

Normalization normalizationFromName(const std::string &name)
{
    for (auto n : {Normalization::Auto, Normalization::Dataset, Normalization::ImageNet,
                   Normalization::None, Normalization::Custom})
        if (normalizationName(n) == name)
            return n;
    throw Error("unknown normalization '" + name +
                "' (known: auto, dataset, imagenet, none, custom)");
}

} // namespace tl::data
