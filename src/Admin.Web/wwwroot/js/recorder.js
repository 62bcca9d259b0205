// Records the microphone as PCM through Web Audio and encodes a 16-bit mono WAV in the page, so no browser
// codec (WebM/Opus) is involved; the server turns it into 8 kHz for Asterisk.
export class Recorder {
  static async start() {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1 } });
    const context = new AudioContext();
    const source = context.createMediaStreamSource(stream);
    const processor = context.createScriptProcessor(4096, 1, 1);
    const recorder = new Recorder(stream, context, source, processor);
    processor.onaudioprocess = (event) => recorder.chunks.push(new Float32Array(event.inputBuffer.getChannelData(0)));
    source.connect(processor);
    processor.connect(context.destination);
    return recorder;
  }

  constructor(stream, context, source, processor) {
    this.stream = stream;
    this.context = context;
    this.source = source;
    this.processor = processor;
    this.chunks = [];
  }

  /** How much has been recorded so far, for the page to show while it records. */
  get seconds() {
    return this.chunks.reduce((n, c) => n + c.length, 0) / this.context.sampleRate;
  }

  async stop() {
    this.source.disconnect();
    this.processor.disconnect();
    for (const track of this.stream.getTracks()) track.stop();
    const rate = this.context.sampleRate;
    await this.context.close();
    return encodeWav(this.chunks, rate);
  }
}

export function encodeWav(chunks, rate) {
  const samples = chunks.reduce((n, c) => n + c.length, 0);
  const buffer = new ArrayBuffer(44 + samples * 2);
  const view = new DataView(buffer);
  const text = (offset, s) => { for (let i = 0; i < s.length; i++) view.setUint8(offset + i, s.charCodeAt(i)); };
  text(0, 'RIFF'); view.setUint32(4, 36 + samples * 2, true); text(8, 'WAVE');
  text(12, 'fmt '); view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 1, true);
  view.setUint32(24, rate, true); view.setUint32(28, rate * 2, true); view.setUint16(32, 2, true); view.setUint16(34, 16, true);
  text(36, 'data'); view.setUint32(40, samples * 2, true);
  let offset = 44;
  for (const chunk of chunks) {
    for (const sample of chunk) {
      const s = Math.max(-1, Math.min(1, sample));
      view.setInt16(offset, s < 0 ? s * 0x8000 : s * 0x7fff, true);
      offset += 2;
    }
  }
  return new Blob([buffer], { type: 'audio/wav' });
}
