using Microsoft.Playwright;

namespace GridAid.BrowserTests;

/// <summary>
/// A language is files only: a phone set to Korean gets the Korean strings of <c>web/i18n/ko.json</c>, marked as
/// machine-assisted, with the reviewed languages one tap away; a place with no Korean name shows its English one; a
/// tapped language stays on the next page; a Chinese phone is offered Korean without the mark.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class LanguagePageTests(BrowserFixture fx)
{
    [Fact]
    public async Task The_privacy_notice_is_read_in_the_phones_language_from_the_files_with_english_beside_it()
    {
        await using var context = await fx.NewContextAsync("ko-KR");
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(360, 740);
        await page.GotoAsync("/privacy.html");

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ko");
        await Assertions.Expect(page.Locator("#own-h")).ToHaveTextAsync("개인정보 처리 안내");
        await Assertions.Expect(page.Locator("[data-i='pv.keep.p']")).ToContainTextAsync("90일");
        await Assertions.Expect(page.Locator("#pv-en")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#langs .machine")).ToHaveTextAsync("기계 번역 · 검토 전");
        await FormDriver.ScreenshotAsync(page, "privacy-360-ko", copyToDocs: false);

        // An English reader reads it once, not twice.
        await page.Locator("#langs button", new() { HasText = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("#own-h")).ToHaveTextAsync("Privacy notice");
        await Assertions.Expect(page.Locator("#pv-en")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_korean_phone_reads_the_form_in_korean_marked_machine_assisted_and_a_tapped_language_stays()
    {
        await using var context = await fx.NewContextAsync("ko-KR");
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(360, 740);
        await FormDriver.OpenAsync(page);

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ko");
        await Assertions.Expect(page.Locator("[data-i='kind.title']")).ToHaveTextAsync("무엇을 알리시나요?");
        await Assertions.Expect(page.Locator("#langs .machine")).ToHaveTextAsync("기계 번역 · 검토 전");
        await Assertions.Expect(page.Locator("#langs button")).ToHaveTextAsync(["中文", "English"]);
        // The demo's place names are Chinese and English only: Korean readers get the English one.
        await Assertions.Expect(page.Locator("#station")).ToHaveTextAsync("전달처: Summit Police Post");
        await FormDriver.ScreenshotAsync(page, "form-360-ko", copyToDocs: false);

        await page.Locator("#langs button", new() { HasText = "中文" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-i='kind.title']")).ToHaveTextAsync("您要报告什么？");
        await Assertions.Expect(page.Locator("#langs .machine")).ToHaveCountAsync(0);

        await page.GotoAsync("/s/");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Assertions.Expect(page.Locator("#langs button")).ToHaveTextAsync(["English", "한국어"]);
    }

    [Fact]
    public async Task A_chinese_phone_is_offered_korean_and_english_and_the_staff_pages_speak_korean_too()
    {
        await using var context = await fx.NewContextAsync("zh-CN");
        var page = await context.NewPageAsync();
        await FormDriver.OpenAsync(page);
        await Assertions.Expect(page.Locator("#langs button")).ToHaveTextAsync(["English", "한국어"]);
        await Assertions.Expect(page.Locator("#langs .machine")).ToHaveCountAsync(0);

        await page.GotoAsync("/station/?lang=ko");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ko");
        await Assertions.Expect(page.Locator("h1").First).ToHaveTextAsync("로그인");
    }
}
