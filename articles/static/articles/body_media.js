// Pictures from the library and YouTube/Vimeo videos inside the article body.
//
// The editor stores only structured nodes (see articles/body_media.py):
//   <figure data-image="123" data-alt="…" data-credit="…"><figcaption>…</figcaption></figure>
//   <div data-embed="youtube" data-id="…" data-title="…"></div>
// and shows them as a thumbnail or a poster box; the public page builds the real markup.
// Loaded by django-prose-editor's extension mechanism (DJANGO_PROSE_EDITOR_EXTENSIONS).
import { crel, gettext, Node } from "django-prose-editor/editor"

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/
const VIMEO_ID = /^[0-9]{1,12}$/

// The provider and id of a YouTube or Vimeo address, or null; the same rules as
// video_embed_url in articles/models.py.
function parseVideoAddress(address) {
  let url
  const written = address.trim()
  try {
    // An address copied without its scheme ("youtu.be/…") is still the video meant.
    url = new URL(/^[a-z]+:/i.test(written) ? written : `https://${written}`)
  } catch {
    return null
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null
  const host = url.hostname.toLowerCase().replace(/^www\./, "").replace(/^m\./, "")
  const parts = url.pathname.split("/").filter(Boolean)
  let id = ""
  if (host === "youtube.com" || host === "youtube-nocookie.com") {
    if (url.pathname === "/watch") id = url.searchParams.get("v") || ""
    else if (["embed", "shorts", "live"].includes(parts[0])) id = parts[1] || ""
    return YOUTUBE_ID.test(id) ? { provider: "youtube", id } : null
  }
  if (host === "youtu.be") {
    id = parts[0] || ""
    return YOUTUBE_ID.test(id) ? { provider: "youtube", id } : null
  }
  if (host === "vimeo.com" || host === "player.vimeo.com") {
    id = parts[parts.length - 1] || ""
    return VIMEO_ID.test(id) ? { provider: "vimeo", id } : null
  }
  return null
}

const oneLine = (value) => (value || "").split(/\s+/).filter(Boolean).join(" ")

let fieldCount = 0

function field(labelText, attributes, help = "") {
  const id = `body-media-field-${++fieldCount}`
  const input = crel("input", { id, type: "text", size: 50, ...attributes })
  const children = [crel("label", { htmlFor: id, textContent: labelText }), input]
  if (help) {
    children.push(crel("p", { className: "body-media-help", textContent: help }))
  }
  return { input, row: crel("div", { className: "prose-editor-dialog-field" }, children) }
}

// A modal dialog in the editor's own style; resolves with the values, or null on cancel.
function openDialog(editor, { title, submitText, body, onSubmit }) {
  return new Promise((resolve) => {
    const error = crel("p", { className: "body-media-error", role: "alert" })
    const submit = crel("button", { type: "submit", textContent: submitText })
    const cancel = crel("button", { type: "button", textContent: gettext("Cancel") })
    const form = crel("form", { noValidate: true }, [
      crel("h3", { className: "prose-editor-dialog-title", textContent: title }),
      ...body,
      error,
      crel("div", { className: "prose-editor-dialog-buttons" }, [submit, cancel]),
    ])
    const dialog = crel("dialog", { className: "prose-editor-dialog body-media-dialog" }, [form])
    const wrapper = crel("div", {}, [dialog])
    editor.view.dom.parentElement.append(wrapper)
    let result = null
    cancel.addEventListener("click", () => dialog.close())
    dialog.addEventListener("close", () => {
      wrapper.remove()
      resolve(result)
    })
    form.addEventListener("submit", (event) => {
      event.preventDefault()
      const outcome = onSubmit()
      if (outcome.error) {
        error.textContent = outcome.error
        outcome.field?.focus()
        return
      }
      result = outcome.values
      dialog.close()
    })
    dialog.showModal()
  })
}

async function fetchImages(listUrl, params) {
  const url = new URL(listUrl, window.location.href)
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value)
  const response = await fetch(url, { credentials: "same-origin" })
  if (!response.ok) throw new Error(`${response.status}`)
  return (await response.json()).results
}

function thumbnail(image, className) {
  return crel("img", {
    className,
    src: image.thumb,
    width: image.width,
    height: image.height,
    alt: "",
  })
}

function imageDialog(editor, listUrl, current) {
  let chosen = current.image ? { id: Number(current.image) } : null
  const search = field(gettext("Find an image in the library"), {
    type: "search",
    placeholder: gettext("Words from its alt text, caption or credit"),
  })
  const results = crel("div", { className: "body-media-results", role: "group" })
  results.setAttribute("aria-label", gettext("Images in the library"))
  const alt = field(
    gettext("Alt text (required)"),
    { name: "alt", value: current.alt || "", maxLength: 250, required: true },
    gettext("What the picture shows here, for readers who cannot see it."),
  )
  const caption = field(gettext("Caption"), {
    name: "caption",
    value: current.caption || "",
    maxLength: 300,
  })
  const credit = field(gettext("Credit"), {
    name: "credit",
    value: current.credit || "",
    maxLength: 200,
  })

  const choose = (image, button) => {
    chosen = image
    for (const other of results.querySelectorAll("button")) {
      other.setAttribute("aria-pressed", other === button ? "true" : "false")
    }
    alt.input.value = image.alt
    caption.input.value = image.caption
    credit.input.value = image.credit
  }

  const show = (images) => {
    results.replaceChildren()
    if (!images.length) {
      results.append(crel("p", { textContent: gettext("No image matches those words.") }))
    }
    for (const image of images) {
      const button = crel("button", { type: "button", className: "body-media-choice" }, [
        thumbnail(image, "body-media-choice__image"),
        crel("span", { textContent: image.alt }),
      ])
      button.setAttribute("aria-pressed", chosen?.id === image.id ? "true" : "false")
      button.addEventListener("click", () => choose(image, button))
      results.append(button)
    }
  }

  let searching = 0
  const find = () => {
    const mine = ++searching
    fetchImages(listUrl, { q: search.input.value.trim() })
      .then((images) => mine === searching && show(images))
      .catch(() => {
        results.replaceChildren(
          crel("p", { textContent: gettext("The library could not be searched. Try again.") }),
        )
      })
  }
  let timer = null
  search.input.addEventListener("input", () => {
    clearTimeout(timer)
    timer = setTimeout(find, 250)
  })
  search.input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault() // searching, not inserting
      clearTimeout(timer)
      find()
    }
  })
  find()

  return openDialog(editor, {
    title: current.image ? gettext("Edit image") : gettext("Insert an image"),
    submitText: current.image ? gettext("Update") : gettext("Insert"),
    body: [search.row, results, alt.row, caption.row, credit.row],
    onSubmit() {
      if (!chosen) {
        return { error: gettext("Choose an image from the library."), field: search.input }
      }
      if (!oneLine(alt.input.value)) {
        return {
          error: gettext("Write the alt text: say what the picture shows."),
          field: alt.input,
        }
      }
      return {
        values: {
          image: String(chosen.id),
          alt: oneLine(alt.input.value),
          caption: oneLine(caption.input.value),
          credit: oneLine(credit.input.value),
          thumb: chosen.thumb || current.thumb || "",
        },
      }
    },
  })
}

function videoDialog(editor, current) {
  const address = field(
    gettext("YouTube or Vimeo address"),
    { name: "address", type: "url", value: current.address || "", required: true },
    gettext("For example https://www.youtube.com/watch?v=… or https://vimeo.com/…"),
  )
  const title = field(
    gettext("Title"),
    { name: "title", value: current.title || "", maxLength: 200 },
    gettext("Said to readers on the play button."),
  )
  return openDialog(editor, {
    title: current.id ? gettext("Edit video") : gettext("Insert a video"),
    submitText: current.id ? gettext("Update") : gettext("Insert"),
    body: [address.row, title.row],
    onSubmit() {
      const video = parseVideoAddress(address.input.value)
      if (!video) {
        return {
          error: gettext("Give the address of a video on YouTube or Vimeo."),
          field: address.input,
        }
      }
      return { values: { ...video, title: oneLine(title.input.value) } }
    },
  })
}

const selectedNode = (editor, name) => {
  const node = editor.state.selection.node
  return node?.type.name === name ? node : null
}

// Updates the selected node, or puts a new one in; after a selected picture or video rather
// than in its place.
function place(editor, name, selected, attrs) {
  const chain = editor.chain().focus()
  if (selected) chain.updateAttributes(name, attrs)
  else if (editor.state.selection.node) {
    chain.insertContentAt(editor.state.selection.to, { type: name, attrs })
  } else chain.insertContent({ type: name, attrs })
  chain.run()
}

function dataAttribute(attribute) {
  return {
    default: "",
    parseHTML: (element) => element.getAttribute(attribute) || "",
    renderHTML: () => ({}), // written by renderHTML below, in the stored order
  }
}

export const BodyImage = Node.create({
  name: "bodyImage",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,

  addOptions() {
    return { listUrl: "" }
  },

  addAttributes() {
    return {
      image: dataAttribute("data-image"),
      alt: dataAttribute("data-alt"),
      credit: dataAttribute("data-credit"),
      caption: {
        default: "",
        parseHTML: (element) => oneLine(element.querySelector("figcaption")?.textContent),
        renderHTML: () => ({}),
      },
      // Only for the editor's own display; never stored.
      thumb: { default: "", parseHTML: () => "", renderHTML: () => ({}) },
    }
  },

  parseHTML() {
    return [{ tag: "figure[data-image]" }]
  },

  renderHTML({ node }) {
    const { image, alt, credit, caption } = node.attrs
    const attributes = { "data-image": image }
    if (alt) attributes["data-alt"] = alt
    if (credit) attributes["data-credit"] = credit
    return caption ? ["figure", attributes, ["figcaption", {}, caption]] : ["figure", attributes]
  },

  addNodeView() {
    const listUrl = this.options.listUrl
    return ({ node }) => {
      const { image, alt, caption, credit, thumb } = node.attrs
      const picture = crel("img", { className: "body-media-node__image", alt: "" })
      const words = [
        crel("strong", { textContent: `${gettext("Image")}: ${alt}` }),
        caption ? crel("span", { textContent: caption }) : "",
        credit ? crel("span", { textContent: `${gettext("Credit")}: ${credit}` }) : "",
      ].filter(Boolean)
      const dom = crel("figure", { className: "body-media-node body-media-node--image" }, [
        picture,
        crel("figcaption", {}, words),
      ])
      dom.setAttribute("data-image", image)
      if (thumb) {
        picture.src = thumb
      } else if (listUrl && image) {
        fetchImages(listUrl, { id: image })
          .then(([found]) => {
            if (found) picture.src = found.thumb
            else words.unshift(crel("em", { textContent: gettext("Not in the library any more") }))
            dom.querySelector("figcaption").replaceChildren(...words)
          })
          .catch(() => {})
      }
      return { dom }
    }
  },

  addCommands() {
    return {
      editBodyImage:
        () =>
        ({ editor }) => {
          const node = selectedNode(editor, this.name)
          imageDialog(editor, this.options.listUrl, node?.attrs || {}).then((attrs) => {
            if (attrs) place(editor, this.name, node, attrs)
          })
          return true
        },
    }
  },

  addMenuItems({ buttons, menu }) {
    menu.defineItem({
      name: "bodyImage",
      groups: "nodes",
      button: buttons.text(gettext("Image"), gettext("Image from the library")),
      command: (editor) => editor.commands.editBodyImage(),
      active: (editor) => editor.isActive("bodyImage"),
    })
  },
})

export const BodyVideo = Node.create({
  name: "bodyVideo",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,

  addAttributes() {
    return {
      provider: dataAttribute("data-embed"),
      id: dataAttribute("data-id"),
      title: dataAttribute("data-title"),
    }
  },

  parseHTML() {
    return [{ tag: "div[data-embed]" }]
  },

  renderHTML({ node }) {
    const { provider, id, title } = node.attrs
    const attributes = { "data-embed": provider, "data-id": id }
    if (title) attributes["data-title"] = title
    return ["div", attributes]
  },

  addNodeView() {
    return ({ node }) => {
      const { provider, id, title } = node.attrs
      const site = provider === "vimeo" ? "Vimeo" : "YouTube"
      return {
        dom: crel("div", { className: "body-media-node body-media-node--video" }, [
          crel("span", { className: "body-media-node__play", "aria-hidden": "true" }),
          crel("span", { className: "body-media-node__words" }, [
            crel("strong", { textContent: `${gettext("Video")}: ${title || id}` }),
            crel("span", { textContent: `${site} · ${id}` }),
          ]),
        ]),
      }
    }
  },

  addCommands() {
    return {
      editBodyVideo:
        () =>
        ({ editor }) => {
          const node = selectedNode(editor, this.name)
          const current = node
            ? {
                ...node.attrs,
                address:
                  node.attrs.provider === "vimeo"
                    ? `https://vimeo.com/${node.attrs.id}`
                    : `https://www.youtube.com/watch?v=${node.attrs.id}`,
              }
            : {}
          videoDialog(editor, current).then((attrs) => {
            if (attrs) place(editor, this.name, node, attrs)
          })
          return true
        },
    }
  },

  addMenuItems({ buttons, menu }) {
    menu.defineItem({
      name: "bodyVideo",
      groups: "nodes",
      button: buttons.text(gettext("Video"), gettext("Video from YouTube or Vimeo")),
      command: (editor) => editor.commands.editBodyVideo(),
      active: (editor) => editor.isActive("bodyVideo"),
    })
  },
})
