#include "widgets/recipe_titles.h"

#include "orchestration/recipes.h"

#include <QCoreApplication>

namespace tl::ui {

namespace {

// The titles of resources/recipes/*.json ("name"), for lupdate: translated in
// resources/translations/*.ts under the context "tl::ui::Recipes".
[[maybe_unused]] const char *const kTitles[] = {
    QT_TRANSLATE_NOOP("tl::ui::Recipes",
                      "Seed 000: the custom CNN on CIFAR-10 (Adam, 10 epochs, early stopping)"),
    QT_TRANSLATE_NOOP(
        "tl::ui::Recipes",
        "Seed 000: ResNet50 on CIFAR-10 at 224 px, frozen then fine-tuned (the last 30 layers)"),
    QT_TRANSLATE_NOOP(
        "tl::ui::Recipes",
        "Seed 000: VGG19 on CIFAR-10 at 224 px, frozen then fine-tuned (the last 150 layers)"),
    QT_TRANSLATE_NOOP(
        "tl::ui::Recipes",
        "Seed 001: VGG16 at 224 px, feature extraction with SGD, then block5 fine-tuned"),
    QT_TRANSLATE_NOOP("tl::ui::Recipes",
                      "Seed 002: VGG-style CNN, baseline (SGD 1e-3, momentum 0.9, 5 epochs)"),
    QT_TRANSLATE_NOOP(
        "tl::ui::Recipes",
        "Seed 002: + BatchNorm (momentum 0.8) + L2 0.001 (SGD 1e-3, momentum 0.9, 5 epochs)"),
    QT_TRANSLATE_NOOP("tl::ui::Recipes",
                      "Seed 002: + BatchNorm with momentum 0.8 (SGD 1e-3, momentum 0.9, 5 epochs)"),
    QT_TRANSLATE_NOOP("tl::ui::Recipes",
                      "Seed 002: VGG-style CNN + BatchNorm (SGD 1e-3, momentum 0.9, 5 epochs)"),
    QT_TRANSLATE_NOOP("tl::ui::Recipes",
                      "Seed 002 iteration IV: VGG16 truncated at block3_pool, frozen, new head"),
    QT_TRANSLATE_NOOP(
        "tl::ui::Recipes",
        "Seed 002 iteration II: the same, block5 unfrozen (set_trainable from block5_conv1)"),
    QT_TRANSLATE_NOOP(
        "tl::ui::Recipes",
        "Seed 002 iteration I: VGG16 at 32 px, frozen, Flatten + Dense(256)+BN + Dropout(0.5)"),
    QT_TRANSLATE_NOOP("tl::ui::Recipes",
                      "Seed 003: trainable VGG16 at 32 px with a Flatten + Dense(512)+BN + "
                      "Dropout(0.5) head (Adam, early stopping on val_loss)"),
    QT_TRANSLATE_NOOP("tl::ui::Recipes", "Seed 004: resnet18 with AutoAugment on 10 % of CIFAR-10, "
                                         "classifier retrained (Adam, 5 epochs)"),
    QT_TRANSLATE_NOOP("tl::ui::Recipes", "Seed 004: vgg16 with AutoAugment on 10 % of CIFAR-10, "
                                         "classifier retrained (Adam, 5 epochs)"),
    QT_TRANSLATE_NOOP("tl::ui::Recipes",
                      "How deep to fine-tune ResNet18: the second stage trains from each of "
                      "layer1-4 on (frozen throughout to all of it)"),
    QT_TRANSLATE_NOOP("tl::ui::Recipes", "How deep to fine-tune VGG16: the second stage trains "
                                         "from each block on (frozen throughout to all of it)"),
    QT_TRANSLATE_NOOP("tl::ui::Recipes",
                      "Seed 000 as one sweep: the custom CNN, VGG19 and ResNet50 on CIFAR-10"),
    QT_TRANSLATE_NOOP("tl::ui::Recipes", "Seed 001 as one sweep: VGG16 frozen then block5 "
                                         "fine-tuned, against frozen for the same epochs"),
    QT_TRANSLATE_NOOP("tl::ui::Recipes", "Seed 002 as one sweep: VGG-style CNN, baseline against + "
                                         "BatchNorm against + BatchNorm + L2"),
};

} // namespace

QString recipeTitle(const runs::Recipe &recipe)
{
    return QCoreApplication::translate("tl::ui::Recipes", recipe.title.c_str());
}

} // namespace tl::ui
