package blockkit

// Slack's documented limits, in characters (counted as runes) or items.
// Each is cited where it was read; a limit Slack enforces but does not
// document is marked so, with the most conservative value the code can
// defend.
const (
	// https://docs.slack.dev/reference/block-kit/blocks: "up to 50 blocks
	// in each message, and 100 blocks in modals or Home tabs".
	maxMessageBlocks = 50
	maxViewBlocks    = 100

	// https://docs.slack.dev/reference/block-kit/blocks/header-block: text
	// 150; block_id 255 (the same on every block's page).
	maxHeaderText = 150
	maxBlockID    = 255

	// Section block (https://docs.slack.dev/reference/block-kit/blocks/section-block,
	// also api.slack.com/reference/block-kit/blocks#section): text 3000;
	// fields at most 10, each 2000.
	maxSectionText = 3000
	maxFields      = 10
	maxFieldText   = 2000
	// Text object (https://docs.slack.dev/reference/block-kit/composition-objects/text-object):
	// 3000, for the texts whose block sets no tighter limit (context).
	maxTextObject = 3000

	// https://docs.slack.dev/reference/block-kit/blocks/context-block:
	// "Maximum number of items is 10".
	maxContextElements = 10
	// Actions block (api.slack.com/reference/block-kit/blocks#actions and
	// Slack's Block Kit JSON schema, maxItems 25): "a maximum of 25
	// elements in each action block".
	maxActionElements = 25

	// Image block and element (docs.slack.dev …/image-block): alt_text
	// 2000, image_url 3000, title 2000.
	maxAltText  = 2000
	maxImageURL = 3000
	maxTitle    = 2000

	// Input block (docs.slack.dev …/input-block): label 2000, hint 2000.
	maxLabel = 2000
	maxHint  = 2000

	// Button element (https://docs.slack.dev/reference/block-kit/block-elements/button-element):
	// text 75, action_id 255, url 3000, value 2000, accessibility_label 75.
	maxButtonText = 75
	maxActionID   = 255
	maxURL        = 3000
	maxValue      = 2000
	maxA11yLabel  = 75
	// Select menus (docs.slack.dev …/select-menu-element): placeholder
	// 150, options at most 100, option_groups at most 100.
	maxPlaceholder  = 150
	maxSelectOption = 100
	// https://docs.slack.dev/reference/block-kit/composition-objects/option-object:
	// text 75, value 150, description 75, url 3000.
	maxOptionText  = 75
	maxOptionValue = 150
	// https://docs.slack.dev/reference/block-kit/composition-objects/option-group-object:
	// label 75, "a maximum of 100 option groups with a maximum of 100 options".
	maxGroupLabel = 75
	// Overflow menu: 2 to 5 options; checkboxes and radio buttons: at most
	// 10 (docs.slack.dev …/overflow-menu-element, …/checkboxes-element,
	// …/radio-button-group-element).
	maxOverflowOptions = 5
	maxChoiceOptions   = 10
	// Confirmation dialog (docs.slack.dev …/confirmation-dialog-object):
	// title 100, text 300, confirm 30, deny 30.
	maxConfirmTitle = 100
	maxConfirmText  = 300
	maxConfirmBtn   = 30

	// https://docs.slack.dev/reference/block-kit/blocks/data-visualization-block:
	// title 50, axis labels 50; series, segments and labels are checked by
	// slack-go's DataVisualizationBlock.Validate, written from the same page.
	maxChartTitle = 50
	maxAxisLabel  = 50
	// MaxChartsPerMessage is how many data_visualization blocks one message
	// may hold. The reference page as stored does not say; Slack answered
	// invalid_blocks to three in one message, and both an independent
	// checker of Block Kit and slack-morphism's documentation of the block
	// ("a message may hold at most two of these") allow two: two it is.
	MaxChartsPerMessage = 2

	// Views (https://docs.slack.dev/reference/views/home-tab-views, and
	// api.slack.com/reference/surfaces/views for modals): private_metadata
	// 3000, callback_id 255; a modal's title, submit and close 24.
	maxPrivateMetadata = 3000
	maxCallbackID      = 255
	maxViewTitle       = 24

	// chat.postMessage (https://docs.slack.dev/reference/methods/chat.postMessage,
	// "Truncating content"): Slack truncates text over 40,000 characters
	// and recommends 4,000. The recommendation is not enforced, so only the
	// hard limit is applied.
	MaxText = 40000
)
